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

export interface ModalProps {
  open: boolean;
  title: string;
  /** Escape or the close request; not called while `closable` is false (an action is running). */
  onClose: () => void;
  closable?: boolean;
  /** The id of the element that describes the dialog, if any. */
  describedBy?: string | undefined;
  children?: ReactNode;
}

/**
 * A modal on the native <dialog>: the browser traps focus and makes the page behind inert, Escape closes
 * it, and focus returns to the control that opened it.
 */
export function Modal({ open, title, onClose, closable = true, describedBy, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="q-dialog"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        // Escape: let React's state close it, and never while an action runs.
        event.preventDefault();
        if (closable) onClose();
      }}
    >
      {open ? (
        <div className="q-dialog__panel">
          <h2 id={titleId} className="q-dialog__title">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A confirmation: what will happen, Cancel, and the action. */
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
  const bodyId = useId();
  return (
    <Modal
      open={open}
      title={title}
      onClose={onCancel}
      closable={!busy}
      describedBy={children ? bodyId : undefined}
    >
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
    </Modal>
  );
}
