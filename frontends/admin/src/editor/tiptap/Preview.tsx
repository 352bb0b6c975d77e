import { CODE_HIGHLIGHT_CLASS } from "@quire/ui";
import { useEffect, useRef } from "react";
import { loadGrammars, lowlight } from "./languages";

interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: { className?: string[] };
  children?: HastNode[];
}

/** Builds DOM from lowlight's tree: text stays text, so nothing in the code is parsed as HTML. */
function appendHast(parent: Node, nodes: HastNode[]): void {
  for (const node of nodes) {
    if (node.type === "text") parent.appendChild(document.createTextNode(node.value ?? ""));
    else if (node.type === "element") {
      const element = document.createElement(node.tagName ?? "span");
      if (node.properties?.className) element.className = node.properties.className.join(" ");
      appendHast(element, node.children ?? []);
      parent.appendChild(element);
    }
  }
}

interface PreviewProps {
  title: string;
  coverUrl: string | null;
  categoryName: string | null;
  tags: string[];
  html: string;
}

/** The post as the blog shows it: the same markup, the block styles, and highlighted code. */
export function Preview({ title, coverUrl, categoryName, tags, html }: PreviewProps) {
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    const highlight = () => {
      const root = body.current;
      if (!root || cancelled) return;
      for (const code of root.querySelectorAll<HTMLElement>("pre code")) {
        const language = /\blanguage-([\w+-]+)/.exec(code.className)?.[1];
        if (!language || !lowlight.registered(language)) continue;
        const tree = lowlight.highlight(language, code.textContent ?? "");
        code.textContent = "";
        code.classList.add("hljs");
        appendHast(code, tree.children as HastNode[]);
      }
    };
    loadGrammars().then(highlight, highlight);
    return () => {
      cancelled = true;
    };
  }, [html]);

  return (
    <article className="q-ed-preview" aria-label="Preview">
      {categoryName ? <p className="q-ed-preview__category">{categoryName}</p> : null}
      <h1 className="q-ed-preview__title">{title || "Untitled"}</h1>
      {coverUrl ? <img className="q-ed-preview__cover" src={coverUrl} alt="" /> : null}
      {/* The editor's own output, shown to its author; the server sanitises it on save. */}
      <div
        ref={body}
        className={`q-ed-prose ${CODE_HIGHLIGHT_CLASS}`}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {tags.length > 0 ? (
        <ul className="q-ed-preview__tags" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag}>#{tag}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
