import { describe, expect, it } from "vitest";
import { htmlToText, sanitizeRichHtml } from "./rich-html";
import { slugify } from "./slug";

describe("slugify", () => {
  it("keeps Latin words readable", () => expect(slugify("Hello, World! 2026")).toBe("hello-world-2026"));
  it("keeps Hangul so a Korean title gets a Korean slug", () =>
    expect(slugify("마이크로서비스 분리하기")).toBe("마이크로서비스-분리하기"));
  it("returns empty for a title of symbols only, so the caller makes a fallback", () =>
    expect(slugify("!!! ???")).toBe(""));
});

describe("sanitizeRichHtml", () => {
  it("drops scripts and handler attributes", () => {
    const out = sanitizeRichHtml(
      '<p onclick="x()">hi<script>alert(1)</script><img src="javascript:1" onerror="y()"></p>',
    );
    expect(out).not.toMatch(/script|onclick|onerror|javascript:/);
    expect(out).toContain("hi");
  });
  it("keeps code blocks with their language", () =>
    expect(sanitizeRichHtml('<pre><code class="language-ts">const a = 1;</code></pre>')).toBe(
      '<pre><code class="language-ts">const a = 1;</code></pre>',
    ));
});

describe("htmlToText", () => {
  it("gives the text a reader sees, entities decoded", () =>
    expect(htmlToText("<p>Tom &amp; Jerry &lt;3</p>\n<p>next</p>")).toBe("Tom & Jerry <3 next"));
});
