import { Node } from "@tiptap/core";
import type { DOMOutputSpec } from "@tiptap/pm/model";
import { NodeViewWrapper, type ReactNodeViewProps, ReactNodeViewRenderer } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import type { LinkPreview } from "../../api/uploads";

export interface BookmarkOptions {
  /** Fetches the page's title, description, image and site name (server-side, by the storage service). */
  fetchPreview: (url: string) => Promise<LinkPreview>;
}

export interface BookmarkAttributes {
  url: string;
  title: string | null;
  description: string | null;
  image: string | null;
  favicon: string | null;
  siteName: string | null;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    bookmark: {
      /** Inserts a card for the URL; its preview is fetched once the card is in the document. */
      insertBookmark: (url: string) => ReturnType;
    };
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** http(s) addresses only: a bookmark of javascript: would be dropped by the sanitiser anyway. */
export function isWebUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function BookmarkView({ node, updateAttributes, extension, selected }: ReactNodeViewProps) {
  const attrs = node.attrs as BookmarkAttributes & { pending: boolean };
  const { fetchPreview } = extension.options as BookmarkOptions;
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (!attrs.pending || started.current) return;
    started.current = true;
    fetchPreview(attrs.url)
      .then((preview) =>
        updateAttributes({
          pending: false,
          title: preview.title,
          description: preview.description,
          image: preview.image,
          favicon: preview.favicon,
          siteName: preview.siteName,
        }),
      )
      .catch(() => {
        // The card still links to the page; it just has no preview.
        setFailed(true);
        updateAttributes({ pending: false });
      });
  }, [attrs.pending, attrs.url, fetchPreview, updateAttributes]);

  return (
    <NodeViewWrapper
      className={`q-ed-bookmark${selected ? " is-selected" : ""}`}
      data-type="bookmark"
      data-drag-handle=""
    >
      <div className="bookmark__link">
        <span className="bookmark__body">
          <strong className="bookmark__title">{attrs.title || attrs.url}</strong>
          {attrs.pending ? (
            <span className="bookmark__description" role="status">
              Fetching the link preview…
            </span>
          ) : attrs.description ? (
            <span className="bookmark__description">{attrs.description}</span>
          ) : failed ? (
            <span className="bookmark__description">No preview could be fetched for this page.</span>
          ) : null}
          <span className="bookmark__site">
            {attrs.favicon ? <img className="bookmark__favicon" src={attrs.favicon} alt="" /> : null}
            {attrs.siteName || hostOf(attrs.url)}
          </span>
        </span>
        {attrs.image ? <img className="bookmark__image" src={attrs.image} alt="" /> : null}
      </div>
    </NodeViewWrapper>
  );
}

/**
 * A link card: `<div data-type="bookmark">` around a link with the page's title, description, site name and
 * image, in classes and tags the sanitiser keeps. Its attributes are read back from that markup, because
 * the sanitiser drops any data attribute that would carry them.
 */
export const Bookmark = Node.create<BookmarkOptions>({
  name: "bookmark",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { fetchPreview: () => Promise.reject(new Error("No link preview fetcher")) };
  },

  addAttributes() {
    return {
      url: { default: "" },
      title: { default: null },
      description: { default: null },
      image: { default: null },
      favicon: { default: null },
      siteName: { default: null },
      // Only while the editor fetches the preview; never written to HTML.
      pending: { default: false, rendered: false },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'div[data-type="bookmark"]',
        getAttrs: (element) => {
          const link = element.querySelector("a[href]");
          const url = link?.getAttribute("href");
          if (!url) return false;
          const text = (selector: string) => element.querySelector(selector)?.textContent?.trim() || null;
          return {
            url,
            title: text(".bookmark__title"),
            description: text(".bookmark__description"),
            siteName: text(".bookmark__site"),
            image: element.querySelector("img.bookmark__image")?.getAttribute("src") ?? null,
            favicon: element.querySelector("img.bookmark__favicon")?.getAttribute("src") ?? null,
          };
        },
      },
    ];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as BookmarkAttributes;
    const site: DOMOutputSpec[] = [];
    if (attrs.favicon) {
      site.push([
        "img",
        { class: "bookmark__favicon", src: attrs.favicon, alt: "", width: "16", height: "16" },
      ]);
    }
    const body: DOMOutputSpec[] = [["strong", { class: "bookmark__title" }, attrs.title || attrs.url]];
    if (attrs.description) body.push(["span", { class: "bookmark__description" }, attrs.description]);
    body.push(["span", { class: "bookmark__site" }, ...site, attrs.siteName || hostOf(attrs.url)]);
    const link: DOMOutputSpec[] = [["span", { class: "bookmark__body" }, ...body]];
    if (attrs.image)
      link.push(["img", { class: "bookmark__image", src: attrs.image, alt: "", loading: "lazy" }]);
    return [
      "div",
      { "data-type": "bookmark", class: "bookmark" },
      [
        "a",
        { class: "bookmark__link", href: attrs.url, target: "_blank", rel: "noopener noreferrer" },
        ...link,
      ],
    ];
  },

  addCommands() {
    return {
      insertBookmark:
        (url) =>
        ({ commands }) =>
          isWebUrl(url) ? commands.insertContent({ type: this.name, attrs: { url, pending: true } }) : false,
    };
  },

  addNodeView() {
    return ReactNodeViewRenderer(BookmarkView);
  },
});
