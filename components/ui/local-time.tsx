"use client";

/**
 * An instant on screen, in the viewer's time zone (lib/ui/time.ts). The server renders it in the
 * zone the browser last told it (TimeZoneProvider, from the TIME_ZONE_COOKIE cookie that
 * TimeZoneCookie writes), else in UTC, named; the browser then shows its own zone and locale if
 * those differ (useSyncExternalStore's server snapshot keeps hydration exact). "In 3 h" needs the
 * viewer's clock, so it is added in the browser only, and kept current.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import { formatInstant, knownZone, relativeInstant, TIME_ZONE_COOKIE, timeSettingCookie, type TimeSetting, type TimeStyle } from "@/lib/ui/time";

/** What the server renders in, until the browser says otherwise. */
const SERVER_LOCALE = "en-US";
const ServerSetting = createContext<TimeSetting>({ zone: "UTC", locale: SERVER_LOCALE });

export function TimeZoneProvider({ setting, children }: { setting: TimeSetting | null; children: React.ReactNode }) {
  return <ServerSetting.Provider value={setting ?? { zone: "UTC", locale: SERVER_LOCALE }}>{children}</ServerSetting.Provider>;
}

let browserSetting: TimeSetting | null = null;
/** The browser's zone, and its locale where it is an English one (the page is English), else en-GB. */
function browser(): TimeSetting {
  if (browserSetting) return browserSetting;
  const zone = knownZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? "UTC";
  const language = navigator.language;
  browserSetting = { zone, locale: /^en(-|$)/i.test(language) ? language : "en-GB" };
  return browserSetting;
}
const never = () => () => {};

function useTimeSetting(): TimeSetting {
  const server = useContext(ServerSetting);
  return useSyncExternalStore(never, browser, () => server);
}

/** The current time, once a minute, in the browser only (null while rendering on the server). */
function useNow(on: boolean): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    if (!on) return;
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 30_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [on]);
  return now;
}

export function LocalTime({ at, style = "datetime", relative = false }: { at: Date | string; style?: TimeStyle; relative?: boolean }) {
  const setting = useTimeSetting();
  const now = useNow(relative);
  const date = typeof at === "string" ? new Date(at) : at;
  const away = relative && now ? ` (${relativeInstant(date, now, setting.locale)})` : "";
  return (
    <time dateTime={date.toISOString()} data-zone={setting.zone}>
      {formatInstant(date, style, setting)}
      {away}
    </time>
  );
}

/** Tells the server the browser's zone and locale (a cookie), so that the next page renders in them. */
export function TimeZoneCookie() {
  useEffect(() => {
    const value = timeSettingCookie(browser());
    if (document.cookie.split("; ").includes(`${TIME_ZONE_COOKIE}=${value}`)) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${value}; Path=/; Max-Age=31536000; SameSite=Lax`;
  }, []);
  return null;
}
