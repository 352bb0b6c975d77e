import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, timeCursor } from "./cursor";

describe("keyset cursors", () => {
  it("round-trips sort keys of every type", () => {
    const c = encodeCursor([3, "2026-01-02T03:04:05.000Z", "x", true], "id-1");
    expect(decodeCursor(c, ["int", "time", "string", "boolean"])).toEqual({
      keys: [3, "2026-01-02T03:04:05.000Z", "x", true],
      id: "id-1",
    });
    expect(timeCursor.decode(timeCursor.encode("2026-01-02T03:04:05Z", "a"))).toEqual({
      at: "2026-01-02T03:04:05.000Z",
      id: "a",
    });
  });

  it.each([
    ["garbage", "not-a-cursor"],
    ["wrong arity", encodeCursor([1, 2], "id")],
    ["wrong type", encodeCursor(["1"], "id")],
    ["a time that is not one", encodeCursor(["yesterday"], "id")],
    ["a non-string id", Buffer.from(JSON.stringify([1, 2])).toString("base64url")],
  ])("refuses %s with a 400", (_why, cursor) => {
    const types = cursor === "not-a-cursor" ? ["int" as const] : (["time"] as const);
    expect(() => decodeCursor(cursor, [...types])).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});
