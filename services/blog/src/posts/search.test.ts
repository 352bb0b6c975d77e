import { describe, expect, it } from "vitest";
import { escapeLike, highlight, searchTerms, snippet } from "./search";

describe("highlight", () => {
  it("marks every match case-insensitively and escapes everything else", () =>
    expect(highlight('<b>Rust</b> & "rust"', ["rust"])).toBe(
      "&lt;b&gt;<mark>Rust</mark>&lt;/b&gt; &amp; &quot;<mark>rust</mark>&quot;",
    ));
  it("escapes a term that looks like HTML instead of injecting it", () =>
    expect(highlight("a <script> b", ["<script>"])).toBe("a <mark>&lt;script&gt;</mark> b"));
  it("treats regex characters in a term literally", () =>
    expect(highlight("a.b axb", ["a.b"])).toBe("<mark>a.b</mark> axb"));
  it("marks Hangul inside words", () =>
    expect(highlight("서비스로 분리하는", ["분리"])).toBe("서비스로 <mark>분리</mark>하는"));
});

describe("snippet", () => {
  it("centres on the first match and marks cuts with ellipses", () => {
    const text = `${"앞".repeat(100)}분리${"뒤".repeat(300)}`;
    const s = snippet(text, ["분리"], 60);
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain("<mark>분리</mark>");
    expect([...s.replace(/<\/?mark>/g, "")].length).toBe(62);
  });
  it("starts at the beginning when only the title matched", () =>
    expect(snippet("short text", ["zzz"])).toBe("short text"));
});

describe("search terms and LIKE escaping", () => {
  it("splits, lower-cases and de-duplicates", () =>
    expect(searchTerms(" Rust  rust 서비스 ")).toEqual(["rust", "서비스"]));
  it("escapes wildcards and the escape character", () => expect(escapeLike("50%_\\")).toBe("50\\%\\_\\\\"));
});
