import type { Toast } from "./use-toasts";

/** A polite live region: screen readers announce toasts without moving focus. */
export function ToastRegion({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="q-shell-toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`q-shell-toast q-shell-toast--${toast.tone}`}>
          <span>{toast.message}</span>
          <button
            type="button"
            className="q-shell-toast__close"
            aria-label="Dismiss notification"
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
