import type { Figure } from "./figures";

interface FigureResult extends Figure {
  median: number | null;
  spread: number;
  pass: boolean | null;
}

export interface BenchResult {
  startedAt: string;
  mode: string;
  quick: boolean;
  runs: number;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
    node: string;
  };
  figures: FigureResult[];
}

export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "-";
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toFixed(Math.abs(n) >= 10 ? 1 : 2);
}

function pad(cells: string[][]): string {
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length))) ?? [];
  return cells.map((row) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`).join("\n");
}

/** One Markdown-style table: median, target, PASS/MISS, run-to-run spread, what it measures. */
export function renderTable(result: BenchResult): string {
  const m = result.machine;
  const header = [
    `Quire bench, ${result.mode} mode${result.quick ? " (quick)" : ""}, ${result.runs} run(s), ${result.startedAt}`,
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}; load average ${m.loadAverageAtStart.join(" ")} at start, ${m.loadAverageAtEnd.join(" ")} at end`,
    "",
  ];
  const rows = [["figure", "median", "target", "result", "spread", "note"]];
  rows.push(rows[0]!.map((c) => "-".repeat(Math.max(c.length, 3))));
  for (const f of result.figures) {
    const value = f.available ? `${fmt(f.median)}${f.unit ? ` ${f.unit}` : ""}` : "n/a";
    const target = f.target ? `${f.target.op} ${fmt(f.target.value)}` : "";
    const verdict = f.pass === null ? (f.target ? "N/A" : "") : f.pass ? "PASS" : "MISS";
    const spreadText = f.available && f.runs.length > 1 ? `${Math.round(f.spread * 100)}%` : "";
    rows.push([f.label, value, target, verdict, spreadText, f.note ?? ""]);
  }
  return [...header, pad(rows), "", "spread = (max - min) / median over the runs of one figure."].join("\n");
}

/** Deltas of every figure present in both results. */
export function renderCompare(previous: BenchResult, current: BenchResult): string {
  const before = new Map(previous.figures.map((f) => [f.key, f]));
  const rows = [["figure", "before", "now", "delta"]];
  rows.push(rows[0]!.map((c) => "-".repeat(Math.max(c.length, 3))));
  for (const f of current.figures) {
    const old = before.get(f.key);
    if (!old || old.median === null || f.median === null) continue;
    const delta = old.median === 0 ? Number.NaN : ((f.median - old.median) / Math.abs(old.median)) * 100;
    rows.push([f.label, fmt(old.median), fmt(f.median), `${delta >= 0 ? "+" : ""}${fmt(delta)}%`]);
  }
  return [`\nCompared with ${previous.startedAt} (${previous.mode}):`, pad(rows)].join("\n");
}
