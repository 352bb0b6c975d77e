import { describe, expect, it } from "vitest";
import { escapeXml } from "./feeds";

describe("escapeXml", () => {
  it("escapes markup characters and quotes", () =>
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;",
    ));
  it("drops control characters XML cannot carry, keeping tabs and newlines", () =>
    expect(escapeXml("a\u0000b\u0008c\td\ne")).toBe("abc\td\ne"));
  it("keeps Hangul and emoji", () => expect(escapeXml("한글 😀")).toBe("한글 😀"));
});
