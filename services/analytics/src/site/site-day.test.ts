import { describe, expect, it } from "vitest";
import { addDays, assertTimeZone, daysEndingAt, siteDay } from "./site-day";

describe("site day", () => {
  it("turns at midnight in the site's time zone, not UTC", () => {
    expect(siteDay(new Date("2024-03-01T14:59:59.999Z"), "Asia/Seoul")).toBe("2024-03-01");
    expect(siteDay(new Date("2024-03-01T15:00:00.000Z"), "Asia/Seoul")).toBe("2024-03-02");
    expect(siteDay(new Date("2024-03-01T15:00:00.000Z"), "UTC")).toBe("2024-03-01");
    // New York is on daylight time on 10 March 2024 from 07:00 UTC: midnight moves with it.
    expect(siteDay(new Date("2024-03-11T03:59:59Z"), "America/New_York")).toBe("2024-03-10");
    expect(siteDay(new Date("2024-03-11T04:00:00Z"), "America/New_York")).toBe("2024-03-11");
  });

  it("counts calendar days across months and years", () => {
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(daysEndingAt("2024-01-02", 4)).toEqual(["2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02"]);
  });

  it("refuses an unknown time zone", () => {
    expect(() => assertTimeZone("Mars/Olympus")).toThrow(RangeError);
    expect(assertTimeZone("Asia/Seoul")).toBe("Asia/Seoul");
  });
});
