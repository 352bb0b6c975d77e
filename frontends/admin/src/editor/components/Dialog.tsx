import { Button } from "@quire/ui";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";

interface ModalProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** A native modal <dialog>: focus moves in and back, Escape closes it, the page behind is inert. */
export function Modal({ open, title, onClose, children }: ModalProps) {
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
      className="q-ed-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className="q-ed-dialog__title">
            {title}
          </h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

interface ConfirmProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: ConfirmProps) {
  return (
    <Modal open={open} title={title} onClose={onCancel}>
      <div className="q-ed-dialog__body">{message}</div>
      <div className="q-ed-dialog__actions">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button className="q-ed-danger" onClick={onConfirm} disabled={busy}>
          {busy ? "Working…" : confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}

interface UrlDialogProps {
  open: boolean;
  title: string;
  label: string;
  submitLabel: string;
  initial?: string;
  hint?: string;
  /** Returns an error to show, or null when the address was accepted. */
  onSubmit: (url: string) => string | null;
  onClose: () => void;
}

/** Asks for one web address (a link, a bookmark, a video). */
export function UrlDialog({
  open,
  title,
  label,
  submitLabel,
  initial = "",
  hint,
  onSubmit,
  onClose,
}: UrlDialogProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  useEffect(() => {
    if (open) {
      setValue(initial);
      setError(null);
    }
  }, [open, initial]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = onSubmit(value.trim());
    if (problem) setError(problem);
  };
  return (
    <Modal open={open} title={title} onClose={onClose}>
      <form className="q-ed-dialog__body q-field" onSubmit={submit}>
        <label className="q-field__label" htmlFor={inputId}>
          {label}
        </label>
        <input
          id={inputId}
          className="q-input"
          type="url"
          inputMode="url"
          value={value}
          placeholder="https://"
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to take this one address
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          onChange={(event) => setValue(event.target.value)}
        />
        {hint ? <p className="q-field__hint">{hint}</p> : null}
        {error ? (
          <p id={`${inputId}-error`} className="q-field__error">
            {error}
          </p>
        ) : null}
        <div className="q-ed-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">{submitLabel}</Button>
        </div>
      </form>
    </Modal>
  );
}
