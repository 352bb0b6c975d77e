import { describe, expect, it } from "vitest";
import { newestPerAggregate } from "./consumer";

const event = (aggregateId: string, aggregateVersion: number, tag: string) => ({
  aggregateId,
  aggregateVersion,
  tag,
});

describe("newestPerAggregate", () => {
  it("keeps each aggregate's highest version, whatever order the events came in", () => {
    const events = [event("a", 2, "a2"), event("b", 1, "b1"), event("a", 3, "a3"), event("a", 1, "a1")];
    expect(newestPerAggregate(events).map((e) => e.tag)).toEqual(["a3", "b1"]);
  });

  it("keeps the first of equal versions, as a version guard applying them in order would", () => {
    const events = [event("a", 2, "first"), event("a", 2, "second")];
    expect(newestPerAggregate(events).map((e) => e.tag)).toEqual(["first"]);
  });
});
