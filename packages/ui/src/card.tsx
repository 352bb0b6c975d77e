import type { HTMLAttributes } from "react";

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** The element to render, so a card can be an `<article>` or a `<section>` where that is what it is. */
  as?: "div" | "article" | "section" | "aside";
}

export function Card({ as: Tag = "div", className, ...rest }: CardProps) {
  return <Tag className={className ? `q-card ${className}` : "q-card"} {...rest} />;
}
