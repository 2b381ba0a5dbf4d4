import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { AccountMenu } from "@/components/account/account-menu";
import { NewNotebookButton } from "@/components/notebook/new-notebook-button";
import { currentViewer } from "@/lib/server/auth/current";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tandem — learn Python together", template: "%s · Tandem" },
  description: "Notebooks for learning Python together: live pair study, Python in your browser.",
};

export const viewport: Viewport = { themeColor: "#1d4ed8" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand" aria-label="Tandem home">
            <span className="brand-mark" aria-hidden>
              ⟲
            </span>
            Tandem
          </Link>
          <nav className="site-nav" aria-label="Main">
            <Link href="/">Lessons</Link>
            {viewer ? <Link href="/library">Library</Link> : null}
            {viewer ? <Link href="/classes">Classes</Link> : null}
          </nav>
          <div className="site-actions">
            <NewNotebookButton className="button button-small" />
            <AccountMenu account={viewer ? { name: viewer.name, email: viewer.email, color: viewer.color } : null} />
          </div>
        </header>
        <main className="site-main">{children}</main>
      </body>
    </html>
  );
}
