import { describe, expect, it } from "vitest";
import { sanitiseReturnTo } from "./return-to";

describe("sanitiseReturnTo", () => {
  it.each([
    ["/posts/hello", "/posts/hello"],
    ["/search?q=a%20b", "/search?q=a%20b"],
    ["/posts/x#comments", "/posts/x"],
    ["/a/../b", "/b"],
  ])("keeps the site path %s", (given, expected) => {
    expect(sanitiseReturnTo(given)).toBe(expected);
  });

  it.each([
    ["protocol-relative", "//evil.example/x"],
    ["backslash", "/\\evil.example"],
    ["absolute", "https://evil.example/"],
    ["scheme", "javascript:alert(1)"],
    ["relative", "posts/x"],
    ["tab smuggling", "/\t/evil.example"],
    ["newline", "/x\n"],
    ["empty", ""],
    ["too long", `/${"a".repeat(600)}`],
    ["not a string", ["/a", "/b"]],
    ["missing", undefined],
  ])("falls back to / for %s", (_why, given) => {
    expect(sanitiseReturnTo(given)).toBe("/");
  });
});
