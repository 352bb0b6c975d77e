import { matchPath } from "@quire/shell-sdk";
import { describe, expect, it } from "vitest";
import { findMount, routerPathname } from "./routes";

describe("routerPathname", () => {
  it("decodes each segment as the router does, so a preload's slug is the screen's", () => {
    const encoded = `/posts/${encodeURIComponent("다크-모드와-접근성")}`;
    expect(matchPath("/posts/:slug", routerPathname(encoded))?.params.slug).toBe("다크-모드와-접근성");
    expect(findMount(routerPathname(encoded))?.remote).toBe("blog");
  });

  it("keeps an encoded slash inside its segment and leaves a path with a malformed escape as it came", () => {
    expect(routerPathname("/posts/a%2Fb")).toBe("/posts/a%2Fb");
    expect(routerPathname("/tags/x%20y/100%")).toBe("/tags/x%20y/100%");
  });
});
