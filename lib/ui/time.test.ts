import { describe, expect, it } from "vitest";
import { formatInstant, knownZone, relativeInstant, timeSettingCookie, timeSettingFromCookie } from "./time";

// 17:00 in New York on a winter Thursday: 22:00 UTC.
const due = new Date("2027-01-14T22:00:00Z");

describe("times in the viewer's zone", () => {
  it("shows one instant in each viewer's zone, the zone named", () => {
    expect(formatInstant(due, "moment", { zone: "America/New_York", locale: "en-US" })).toBe("Thu, Jan 14, 5:00 PM EST");
    expect(formatInstant(due, "moment", { zone: "America/Los_Angeles", locale: "en-US" })).toBe("Thu, Jan 14, 2:00 PM PST");
    expect(formatInstant(due, "moment", { zone: "Europe/Berlin", locale: "en-GB" })).toBe("Thu 14 Jan, 23:00 CET");
    expect(formatInstant(due, "moment", { zone: "UTC", locale: "en-US" })).toBe("Thu, Jan 14, 10:00 PM UTC");
  });

  it("dates fall on the viewer's day", () => {
    const late = new Date("2027-01-15T03:00:00Z");
    expect(formatInstant(late, "date", { zone: "America/Los_Angeles", locale: "en-US" })).toBe("Jan 14, 2027");
    expect(formatInstant(late, "date", { zone: "Europe/Berlin", locale: "en-US" })).toBe("Jan 15, 2027");
  });

  it("says how far away, in the largest whole unit", () => {
    expect(relativeInstant(due, new Date("2027-01-14T19:00:00Z"), "en")).toBe("in 3 hr.");
    expect(relativeInstant(due, new Date("2027-01-16T23:00:00Z"), "en")).toBe("2 days ago");
    expect(relativeInstant(due, new Date("2027-01-14T21:49:00Z"), "en")).toBe("in 11 min.");
    expect(relativeInstant(due, due, "en")).toBe("now");
  });

  it("takes only zones the runtime knows", () => {
    expect(knownZone("Europe/Berlin")).toBe("Europe/Berlin");
    for (const bad of ["", "Mars/Olympus", "x".repeat(100), null, undefined]) expect(knownZone(bad)).toBeNull();
  });

  it("reads back the setting a browser wrote to its cookie, and nothing it does not know", () => {
    const berlin = { zone: "Europe/Berlin", locale: "en-GB" };
    expect(timeSettingFromCookie(timeSettingCookie(berlin))).toEqual(berlin);
    expect(timeSettingFromCookie("America%2FNew_York")).toEqual({ zone: "America/New_York", locale: undefined });
    expect(timeSettingFromCookie(encodeURIComponent("UTC|not a locale!"))).toEqual({ zone: "UTC", locale: undefined });
    for (const bad of [undefined, "", "%E0%A4%A", "Mars%2FOlympus", encodeURIComponent("Mars/Olympus|en-GB")]) expect(timeSettingFromCookie(bad)).toBeNull();
  });
});
