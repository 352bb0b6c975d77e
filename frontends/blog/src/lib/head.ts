import { useEffect } from "react";

export interface PageMeta {
  description?: string | null | undefined;
  /** Path of the canonical URL; the origin is the current one. */
  canonicalPath?: string | null | undefined;
  title?: string | null | undefined;
  type?: "website" | "article";
  image?: string | null | undefined;
}

/** Finds or creates a head element, and returns a function that puts it back as it was. */
function setHeadTag(selector: string, create: () => HTMLElement, attr: string, value: string): () => void {
  let element = document.head.querySelector<HTMLElement>(selector);
  const created = !element;
  if (!element) {
    element = create();
    document.head.append(element);
  }
  const previous = element.getAttribute(attr);
  element.setAttribute(attr, value);
  const target = element;
  return () => {
    if (created) target.remove();
    else if (previous === null) target.removeAttribute(attr);
    else target.setAttribute(attr, previous);
  };
}

function metaTag(key: "name" | "property", name: string, content: string): () => void {
  return setHeadTag(
    `meta[${key}="${name}"]`,
    () => {
      const meta = document.createElement("meta");
      meta.setAttribute(key, name);
      return meta;
    },
    "content",
    content,
  );
}

/**
 * Description, canonical link and Open Graph tags of the current screen; the shell's defaults come back
 * when the screen goes away.
 */
export function usePageMeta({ description, canonicalPath, title, type = "website", image }: PageMeta): void {
  useEffect(() => {
    const undo: Array<() => void> = [];
    if (description) {
      undo.push(metaTag("name", "description", description));
      undo.push(metaTag("property", "og:description", description));
    }
    if (title) undo.push(metaTag("property", "og:title", title));
    undo.push(metaTag("property", "og:type", type));
    if (image) undo.push(metaTag("property", "og:image", new URL(image, window.location.origin).href));
    if (canonicalPath) {
      const url = new URL(canonicalPath, window.location.origin).href;
      undo.push(
        setHeadTag(
          'link[rel="canonical"]',
          () => {
            const link = document.createElement("link");
            link.rel = "canonical";
            return link;
          },
          "href",
          url,
        ),
      );
      undo.push(metaTag("property", "og:url", url));
    }
    return () => {
      for (const fn of undo.reverse()) fn();
    };
  }, [description, canonicalPath, title, type, image]);
}
