import { cookies } from "next/headers";
import { SiteHeader } from "@/components/site/site-header";
import { TimeZoneCookie, TimeZoneProvider } from "@/components/ui/local-time";
import { currentViewer } from "@/lib/server/auth/current";
import { TIME_ZONE_COOKIE, timeSettingFromCookie } from "@/lib/ui/time";

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  // Times render in the zone and locale the viewer's browser last named (components/ui/local-time.tsx).
  const time = timeSettingFromCookie((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return (
    <TimeZoneProvider setting={time}>
      <TimeZoneCookie />
      {/* The first tab stop: past the header to the page's own content (WCAG 2.4.1). */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader viewer={viewer} />
      <main className="site-main" id="main" tabIndex={-1}>
        {children}
      </main>
    </TimeZoneProvider>
  );
}
