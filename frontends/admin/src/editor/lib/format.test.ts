import { describe, expect, it } from "vitest";
import { fromLocalInput, slugPreview, toLocalInput } from "./format";

describe("slugPreview", () => {
  it("makes the slug the server will make", () => {
    expect(slugPreview("Hello, World! 2026")).toBe("hello-world-2026");
    expect(slugPreview("쿠버네티스 Operators")).toBe("쿠버네티스-operators");
    expect(slugPreview("!!!")).toBe("");
  });
});

describe("datetime-local values", () => {
  it("round-trip through ISO timestamps", () => {
    const iso = fromLocalInput("2026-03-04T05:06");
    expect(iso).toBeDefined();
    expect(toLocalInput(iso)).toBe("2026-03-04T05:06");
    expect(fromLocalInput("")).toBeUndefined();
    expect(toLocalInput(null)).toBe("");
  });
});
