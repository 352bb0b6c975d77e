import { useTheme } from "@quire/shell-sdk";
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  type ChartOptions,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useId, useMemo } from "react";
import { Bar, Line } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Filler, Tooltip, Legend);

export interface ChartSeries {
  label: string;
  values: number[];
  /** A design token for the colour, read at render so the chart follows the theme. */
  colorToken?: string;
}

export interface ChartProps {
  /** The chart's accessible name and caption. */
  title: string;
  /** One label per point (days, weekdays). */
  labels: string[];
  series: ChartSeries[];
  kind?: "line" | "bar";
  /** What the numbers are, for the table's header ("Day"). */
  labelHeading?: string;
}

const FALLBACK_COLOURS = ["--q-color-primary", "--q-color-success", "--q-color-danger"];

function token(name: string, fallback: string): string {
  if (typeof window === "undefined") return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** Totals of each series, read out as the chart's summary. */
function summary(labels: string[], series: ChartSeries[]): string {
  if (labels.length === 0) return "No data.";
  const totals = series.map((s) => `${s.label}: ${s.values.reduce((a, b) => a + b, 0)} in total`);
  return `${labels[0]} to ${labels[labels.length - 1]}. ${totals.join("; ")}.`;
}

/**
 * A chart drawn on a canvas, named for assistive tech, with the same numbers in a visually hidden table so
 * they can be read rather than seen.
 */
export function Chart({ title, labels, series, kind = "line", labelHeading = "Day" }: ChartProps) {
  const { theme } = useTheme();
  const captionId = useId();

  const colours = useMemo(() => {
    const text = token("--q-color-text-muted", "#5b5f68");
    const grid = token("--q-color-border", "#e2e3e7");
    const lines = series.map((s, n) => token(s.colorToken ?? FALLBACK_COLOURS[n % 3] ?? "", "#2f5bd3"));
    return { text, grid, lines };
  }, [theme, series]);

  const options = useMemo<ChartOptions<"line"> & ChartOptions<"bar">>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        // One series is named by the caption; a legend would only repeat it.
        legend: {
          display: series.length > 1,
          position: "bottom",
          labels: { color: colours.text, boxWidth: 12 },
        },
        tooltip: { enabled: true },
      },
      scales: {
        x: { ticks: { color: colours.text, maxRotation: 0, autoSkip: true }, grid: { color: colours.grid } },
        y: { beginAtZero: true, ticks: { color: colours.text, precision: 0 }, grid: { color: colours.grid } },
      },
    }),
    [colours, series.length],
  );

  const data = {
    labels,
    datasets: series.map((s, n) => ({
      label: s.label,
      data: s.values,
      borderColor: colours.lines[n],
      backgroundColor: kind === "bar" ? colours.lines[n] : `${colours.lines[n]}22`,
      fill: kind === "line" && n === 0,
      // Monotone curves never dip below zero between two points, as a plain spline can.
      cubicInterpolationMode: "monotone" as const,
      pointRadius: labels.length > 14 ? 0 : 3,
      borderWidth: 2,
    })),
  };

  const name = `${title}. ${summary(labels, series)}`;
  return (
    <figure className="q-admin-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="q-admin-chart__caption">
        {title}
      </figcaption>
      <div className="q-admin-chart__canvas">
        {kind === "bar" ? (
          <Bar role="img" aria-label={name} data={data} options={options} />
        ) : (
          <Line role="img" aria-label={name} data={data} options={options} />
        )}
      </div>
      <table className="q-visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, row) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[row] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
