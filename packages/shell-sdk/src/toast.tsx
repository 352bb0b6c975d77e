import { createContext, type ReactNode, useContext } from "react";

export type ToastTone = "info" | "success" | "error";

export interface ToastOptions {
  tone?: ToastTone;
  /** How long the toast stays; defaults to the shell's choice. */
  durationMs?: number;
}

export interface ToastApi {
  show(message: string, options?: ToastOptions): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function ToastProvider({ value, children }: { value: ToastApi; children: ReactNode }) {
  return <ToastContext.Provider value={value}>{children}</ToastContext.Provider>;
}

export function useToast(): ToastApi {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error("useToast() needs the Quire shell's ToastProvider");
  return toast;
}
