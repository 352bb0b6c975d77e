import { type MouseEvent, useEffect, useState } from "react";
import type { TocEntry } from "../lib/content";

/** Jumps to a heading without leaving the router's history state behind. */
export function scrollToAnchor(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  target.scrollIntoView({ behavior: "smooth", block: "start" });
  window.history.replaceState(window.history.state, "", `#${encodeURIComponent(id)}`);
  return true;
}

/** The post's h1-h3 as links, the one being read marked with aria-current (scroll-spy). */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  const [active, setActive] = useState<string | null>(entries[0]?.id ?? null);

  useEffect(() => {
    if (entries.length === 0 || typeof IntersectionObserver === "undefined") return;
    const visible = new Map<string, number>();
    const observer = new IntersectionObserver(
      (records) => {
        for (const record of records) {
          if (record.isIntersecting) visible.set(record.target.id, record.boundingClientRect.top);
          else visible.delete(record.target.id);
        }
        const first = [...visible.entries()].sort((a, b) => a[1] - b[1])[0];
        if (first) setActive(first[0]);
      },
      { rootMargin: "0px 0px -60% 0px" },
    );
    for (const entry of entries) {
      const element = document.getElementById(entry.id);
      if (element) observer.observe(element);
    }
    return () => observer.disconnect();
  }, [entries]);

  if (entries.length === 0) return null;
  const onClick = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    if (scrollToAnchor(id)) {
      event.preventDefault();
      setActive(id);
    }
  };
  return (
    <nav className="q-blog-toc" aria-labelledby="q-blog-toc-heading">
      <h2 id="q-blog-toc-heading" className="q-blog-toc__title">
        Table of contents
      </h2>
      <ol className="q-blog-toc__list">
        {entries.map((entry) => (
          <li key={entry.id} className={`q-blog-toc__item q-blog-toc__item--h${entry.level}`}>
            <a
              href={`#${encodeURIComponent(entry.id)}`}
              aria-current={active === entry.id ? "location" : undefined}
              onClick={(event) => onClick(event, entry.id)}
            >
              {entry.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
