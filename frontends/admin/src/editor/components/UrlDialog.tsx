import { Button, Modal } from "@quire/ui";
import { type FormEvent, useEffect, useId, useState } from "react";

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
      <form className="q-dialog__body q-field" onSubmit={submit}>
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
        <div className="q-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">{submitLabel}</Button>
        </div>
      </form>
    </Modal>
  );
}
