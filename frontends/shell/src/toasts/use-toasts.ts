import type { ToastApi, ToastTone } from "@quire/shell-sdk";
import { useCallback, useMemo, useRef, useState } from "react";

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

const DEFAULT_DURATION_MS = 5_000;
const MAX_VISIBLE = 4;

export function useToasts(): { toasts: Toast[]; api: ToastApi; dismiss(id: number): void } {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      show(message, options = {}) {
        const id = nextId.current++;
        setToasts((current) =>
          [...current, { id, message, tone: options.tone ?? "info" }].slice(-MAX_VISIBLE),
        );
        setTimeout(() => dismiss(id), options.durationMs ?? DEFAULT_DURATION_MS);
      },
    }),
    [dismiss],
  );

  return { toasts, api, dismiss };
}
