import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "ghost";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: "medium" | "small";
}

export function Button({ variant = "primary", size = "medium", className, type, ...rest }: ButtonProps) {
  const classes = ["q-button", `q-button--${variant}`, size === "small" ? "q-button--small" : "", className]
    .filter(Boolean)
    .join(" ");
  // `type="button"` by default: a button inside a form should not submit it by accident.
  return <button type={type ?? "button"} className={classes} {...rest} />;
}
