import { SiteHeader } from "@/components/site/site-header";
import { currentViewer } from "@/lib/server/auth/current";

export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  return (
    <>
      <SiteHeader viewer={viewer} />
      <main className="site-main">{children}</main>
    </>
  );
}
