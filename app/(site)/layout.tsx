import { SiteHeader } from "@/components/site/site-header";
import { currentViewer } from "@/lib/server/auth/current";

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  return (
    <>
      {/* The first tab stop: past the header to the page's own content (WCAG 2.4.1). */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader viewer={viewer} />
      <main className="site-main" id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
