/** One line of the bench table: the median of its runs against a target. */
export interface Figure {
  key: string;
  label: string;
  unit: string;
  /** One value per run; empty when the figure could not be produced. */
  runs: number[];
  target?: { op: ">=" | "<="; value: number };
  /** What the figure measures, or why it is not available. */
  note?: string;
  available: boolean;
}

export function figure(
  key: string,
  label: string,
  unit: string,
  runs: number[],
  target?: Figure["target"],
  note?: string,
): Figure {
  return { key, label, unit, runs, target, note, available: runs.length > 0 };
}

export function unavailable(key: string, label: string, target: Figure["target"], why: string): Figure {
  return { key, label, unit: "", runs: [], target, note: why, available: false };
}
