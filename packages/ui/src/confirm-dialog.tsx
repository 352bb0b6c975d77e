import "./confirm-dialog.css";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { Button } from "./button";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in words the reader can weigh before confirming. */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** "danger" for actions that destroy or replace data. */
  tone?: "default" | "danger";
  /** While the action runs: the buttons are disabled and the confirm button says so. */
  busy?: boolean;
  /** An error from the last attempt, shown in the dialog so it can be retried or cancelled. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation on the native <dialog>: the browser traps focus, Escape cancels, and focus returns
 * to the control that opened it when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "default",
  busy = false,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`q-dialog q-dialog--${tone}`}
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onCancel={(event) => {
        // Escape: let React's state close it, and never while the action runs.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open ? (
        <div className="q-dialog__panel">
          <h2 id={titleId} className="q-dialog__title">
            {title}
          </h2>
          {children ? (
            <div id={bodyId} className="q-dialog__body">
              {children}
            </div>
          ) : null}
          {error ? (
            <p className="q-dialog__error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="q-dialog__actions">
            <Button variant="secondary" onClick={onCancel} disabled={busy} autoFocus>
              {cancelLabel}
            </Button>
            <Button
              className={tone === "danger" ? "q-button--danger" : undefined}
              onClick={onConfirm}
              disabled={busy}
              aria-busy={busy || undefined}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
