/**
 * Dates and times as a viewer reads them: in their own time zone, named where it matters ("Thu,
 * Dec 10, 5:00 PM EST"), and how far away ("in 3 h"). Instants are stored and compared as
 * instants; only showing one needs a zone. Pure: the zone, the locale and "now" come in.
 *
 * The zone and locale a page is rendered in on the server are the ones the viewer's browser last
 * told it (a cookie, TIME_ZONE_COOKIE, written by components/ui/local-time.tsx), else UTC, named.
 */

export const TIME_ZONE_COOKIE = "tz";

export interface TimeSetting {
  /** An IANA zone ("America/New_York"). */
  readonly zone: string;
  /** A BCP 47 locale, or undefined for the runtime's own. */
  readonly locale: string | undefined;
}

export type TimeStyle =
  /** Weekday, date, time and zone: deadlines, hand-ins. */
  | "moment"
  /** Date and time, zone named: history entries, joins. */
  | "datetime"
  /** The date alone, in the viewer's zone. */
  | "date";

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  moment: { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
  datetime: { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
  date: { year: "numeric", month: "short", day: "numeric" },
};

/** The cookie's value for a browser's setting: "<zone>|<locale>", URI-encoded. */
export function timeSettingCookie({ zone, locale }: TimeSetting): string {
  return encodeURIComponent(`${zone}|${locale ?? ""}`);
}

/** The setting a cookie's value names, if this runtime knows its zone (and its locale, if any). */
export function timeSettingFromCookie(value: string | undefined): TimeSetting | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value ?? "");
  } catch {
    return null; // not even URI-encoded
  }
  const [zoneName, localeName = ""] = decoded.split("|");
  const zone = knownZone(zoneName);
  if (!zone) return null;
  let locale: string | undefined;
  try {
    locale = localeName && localeName.length <= 35 ? Intl.DateTimeFormat.supportedLocalesOf([localeName])[0] : undefined;
  } catch {
    locale = undefined; // not a language tag
  }
  return { zone, locale };
}

/** The zone if this runtime knows it, else null (a cookie may say anything). */
export function knownZone(zone: string | undefined | null): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function formatInstant(at: Date, style: TimeStyle, { zone, locale }: TimeSetting): string {
  return new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone: zone }).format(at);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "in 3 hours", "2 days ago", "now": the largest whole unit, rounded toward zero. */
export function relativeInstant(at: Date, now: Date, locale: string | undefined): string {
  const ms = at.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  for (const [unit, size] of UNITS) {
    const count = Math.trunc(ms / size);
    if (count !== 0) return format.format(count, unit);
  }
  return format.format(0, "second");
}
