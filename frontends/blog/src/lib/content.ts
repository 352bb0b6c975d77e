export interface TocEntry {
  id: string;
  text: string;
  level: 1 | 2 | 3;
}

export interface PreparedContent {
  html: string;
  toc: TocEntry[];
}

/** A readable anchor that keeps Hangul and other letters: "데이터 분리" -> "데이터-분리". */
export function anchorId(text: string): string {
  const slug = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/[\s-]+/g, "-");
  return slug || "section";
}

/**
 * Gives every h1-h3 of the post a unique id and lists them for the table of contents, and puts a "Copy"
 * button beside each code block. Parsing with DOMParser runs no script: the HTML was sanitised on save.
 */
export function prepareContent(html: string): PreparedContent {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const used = new Set<string>();
  const toc: TocEntry[] = [];
  for (const heading of doc.body.querySelectorAll<HTMLElement>("h1, h2, h3")) {
    const text = heading.textContent?.trim() ?? "";
    if (!text) continue;
    const base = heading.id || `h-${anchorId(text)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    heading.id = id;
    toc.push({ id, text, level: Number(heading.tagName.slice(1)) as 1 | 2 | 3 });
  }
  for (const pre of doc.body.querySelectorAll("pre")) {
    const wrapper = doc.createElement("div");
    wrapper.className = "q-blog-code";
    const button = doc.createElement("button");
    button.type = "button";
    button.className = "q-blog-code__copy";
    button.setAttribute("data-q-copy", "");
    button.textContent = "Copy";
    pre.replaceWith(wrapper);
    wrapper.append(button, pre);
  }
  return { html: doc.body.innerHTML, toc };
}
