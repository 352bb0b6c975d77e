import "./progress-bar.css";
import { useId } from "react";

export interface ProgressBarProps {
  /** Names the bar for assistive tech and is shown above it. */
  label: string;
  /** 0 to 100; null while the amount is not known yet (an indeterminate bar). */
  value: number | null;
  /** Shown beside the label, for example the current step. */
  detail?: string;
}

/** A labelled progress bar on the native <progress>, which assistive tech announces as a progressbar. */
export function ProgressBar({ label, value, detail }: ProgressBarProps) {
  const id = useId();
  const clamped = value == null ? null : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="q-progress">
      <div className="q-progress__label">
        <label htmlFor={id}>{label}</label>
        <span className="q-progress__detail">
          {clamped == null ? (detail ?? "") : detail ? `${clamped}% · ${detail}` : `${clamped}%`}
        </span>
      </div>
      {clamped == null ? (
        <progress id={id} className="q-progress__bar" />
      ) : (
        <progress id={id} className="q-progress__bar" max={100} value={clamped} />
      )}
    </div>
  );
}
