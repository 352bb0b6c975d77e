import type { CSSProperties } from "react";

export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <div className="q-spinner-block" role="status">
      <span className="q-spinner" aria-hidden="true" />
      <span className="q-visually-hidden">{label}</span>
    </div>
  );
}

export interface SkeletonProps {
  width?: CSSProperties["width"];
  height?: CSSProperties["height"];
  className?: string;
}

/** A placeholder block with the shape of content that is still loading; hidden from assistive tech. */
export function Skeleton({ width = "100%", height = "1em", className }: SkeletonProps) {
  return (
    <span
      className={className ? `q-skeleton ${className}` : "q-skeleton"}
      style={{ width, height }}
      aria-hidden="true"
    />
  );
}
