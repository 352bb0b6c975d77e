import { describe, expect, it } from "vitest";
import { makeExcerpt, readingMinutes, taxonomySlug } from "./text";

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

describe("taxonomySlug", () => {
  it("steps around slugs that name fixed routes", () => {
    expect(taxonomySlug("tag", "Popular", () => "x")).toBe("popular-tag");
    expect(taxonomySlug("category", "Top", () => "x")).toBe("top-category");
    expect(taxonomySlug("tag", "Top", () => "x")).toBe("top");
  });
  it("falls back when the name has no letters or digits", () =>
    expect(taxonomySlug("tag", "!!!", () => "ab12")).toBe("tag-ab12"));
});
