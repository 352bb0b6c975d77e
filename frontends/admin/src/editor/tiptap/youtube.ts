import { Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    youtube: {
      /** Embeds the video of a YouTube address; false when it is not one. */
      insertYoutube: (url: string) => ReturnType;
    };
  }
}

const ID = /^[A-Za-z0-9_-]{11}$/;

/** The video id and start second of a youtube.com, youtu.be or embed address, or null. */
export function parseYoutubeUrl(text: string): { videoId: string; start: number } | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^(www\.|m\.)/, "");
  let videoId: string | null = null;
  if (host === "youtu.be") videoId = url.pathname.slice(1).split("/")[0] ?? null;
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    if (url.pathname === "/watch") videoId = url.searchParams.get("v");
    else {
      const match = /^\/(?:embed|shorts|live)\/([^/?]+)/.exec(url.pathname);
      videoId = match?.[1] ?? null;
    }
  }
  if (!videoId || !ID.test(videoId)) return null;
  const start = Number.parseInt(url.searchParams.get("t") ?? url.searchParams.get("start") ?? "0", 10);
  return { videoId, start: Number.isFinite(start) && start > 0 ? start : 0 };
}

export function embedUrl(videoId: string, start: number): string {
  return `https://www.youtube-nocookie.com/embed/${videoId}${start > 0 ? `?start=${start}` : ""}`;
}

/**
 * A YouTube video from youtube-nocookie.com (no cookies until the reader plays it), in a
 * `<div data-type="youtube">` the blog sizes to 16:9; the sanitiser allows iframes of that host only.
 */
export const Youtube = Node.create({
  name: "youtube",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      videoId: { default: null },
      start: { default: 0 },
    };
  },

  parseHTML() {
    const fromIframe = (iframe: Element | null) => {
      const parsed = parseYoutubeUrl(iframe?.getAttribute("src") ?? "");
      return parsed ?? false;
    };
    return [
      { tag: 'div[data-type="youtube"]', getAttrs: (element) => fromIframe(element.querySelector("iframe")) },
      { tag: "iframe[src]", getAttrs: (element) => fromIframe(element) },
    ];
  },

  renderHTML({ node }) {
    return [
      "div",
      { "data-type": "youtube", class: "video-embed" },
      [
        "iframe",
        {
          src: embedUrl(node.attrs.videoId as string, Number(node.attrs.start) || 0),
          width: "640",
          height: "360",
          frameborder: "0",
          allow: "accelerometer; encrypted-media; gyroscope; picture-in-picture",
          allowfullscreen: "true",
        },
      ],
    ];
  },

  addCommands() {
    return {
      insertYoutube:
        (url) =>
        ({ commands }) => {
          const parsed = parseYoutubeUrl(url);
          return parsed ? commands.insertContent({ type: this.name, attrs: parsed }) : false;
        },
    };
  },
});
