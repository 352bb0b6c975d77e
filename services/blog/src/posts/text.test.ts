import { describe, expect, it } from "vitest";
import { htmlToText, makeExcerpt, readingMinutes, sanitizePostHtml, slugify, taxonomySlug } from "./text";

describe("slugify", () => {
  it("keeps Latin words readable", () => expect(slugify("Hello, World! 2026")).toBe("hello-world-2026"));
  it("keeps Hangul so a Korean title gets a Korean slug", () =>
    expect(slugify("마이크로서비스 분리하기")).toBe("마이크로서비스-분리하기"));
  it("returns empty for a title of symbols only, so the caller makes a fallback", () =>
    expect(slugify("!!! ???")).toBe(""));
});

describe("sanitizePostHtml", () => {
  it("drops scripts and handler attributes", () => {
    const out = sanitizePostHtml(
      '<p onclick="x()">hi<script>alert(1)</script><img src="javascript:1" onerror="y()"></p>',
    );
    expect(out).not.toMatch(/script|onclick|onerror|javascript:/);
    expect(out).toContain("hi");
  });
  it("keeps code blocks with their language", () =>
    expect(sanitizePostHtml('<pre><code class="language-ts">const a = 1;</code></pre>')).toBe(
      '<pre><code class="language-ts">const a = 1;</code></pre>',
    ));
});

describe("readingMinutes", () => {
  it("counts 200 English words as one minute", () => expect(readingMinutes("word ".repeat(200))).toBe(1));
  it("counts Hangul by characters", () => expect(readingMinutes("가".repeat(1500))).toBe(3));
});

describe("makeExcerpt", () => {
  it("cuts at 200 characters without splitting a Hangul syllable", () => {
    const e = makeExcerpt("한".repeat(300));
    expect([...e].length).toBe(201);
    expect(e.endsWith("…")).toBe(true);
  });
});

describe("htmlToText", () => {
  it("gives the text a reader sees, entities decoded", () =>
    expect(htmlToText("<p>Tom &amp; Jerry &lt;3</p>\n<p>next</p>")).toBe("Tom & Jerry <3 next"));
});

describe("taxonomySlug", () => {
  it("steps around slugs that name fixed routes", () => {
    expect(taxonomySlug("tag", "Popular", () => "x")).toBe("popular-tag");
    expect(taxonomySlug("category", "Top", () => "x")).toBe("top-category");
    expect(taxonomySlug("tag", "Top", () => "x")).toBe("top");
  });
  it("falls back when the name has no letters or digits", () =>
    expect(taxonomySlug("tag", "!!!", () => "ab12")).toBe("tag-ab12"));
});
