import { SiteHeader } from "@/components/site/site-header";
import { currentViewer } from "@/lib/server/auth/current";
import { NotFoundMessage } from "@/components/site/not-found-message";

/** An address nothing answers: the site's frame around the not-found message. */
export default async function NotFound() {
  return (
    <>
      <SiteHeader viewer={await currentViewer()} />
      <main className="site-main">
        <NotFoundMessage />
      </main>
    </>
  );
}
