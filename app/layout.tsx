import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";
import "./small-screens.css";

export const metadata: Metadata = {
  title: { default: "Tandem — learn Python together", template: "%s · Tandem" },
  description: "Notebooks for learning Python together: live pair study, Python in your browser.",
};

export const viewport: Viewport = { themeColor: "#1d4ed8" };

/**
 * The document shell only. The site's pages add their header in app/(site)/layout.tsx; embeds
 * (app/embed/) are framed by other sites and carry no header, and read no cookies.
 *
 * Every page is rendered per request (connection()): its scripts carry that response's CSP nonce
 * (lib/server/http/csp.ts), which a page rendered at build time could not have.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
