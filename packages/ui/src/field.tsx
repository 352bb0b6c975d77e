import "./field.css";
import { type ReactElement, type ReactNode, useId } from "react";

export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** Shown under the control and read with it (requirements, counts). */
  hint?: ReactNode;
  /** The control's error; marks it invalid and is read with it. */
  error?: string | null;
  /** Renders the control with the id and ARIA attributes that tie it to its label, hint and error. */
  children: (control: FieldControlProps) => ReactElement;
  className?: string;
}

/** A labelled form control with an optional hint and error, wired for assistive tech. */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={className ? `q-field ${className}` : "q-field"}>
      <label className="q-field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(error ? { "aria-invalid": true as const } : {}),
      })}
      {hint ? (
        <p id={hintId} className="q-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="q-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
