import { useEffect } from "react";

const SITE_NAME = "Quire";

/** Sets the tab title as "<title> · Quire" (just "Quire" without a title), the same way on every screen. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}
