import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { scriptNonce } from "@/lib/server/http/csp";
import { THEME_SCRIPT } from "@/lib/ui/theme";
import "./globals.css";
import "./small-screens.css";

export const metadata: Metadata = {
  title: { default: "Tandem — learn Python together", template: "%s · Tandem" },
  description: "Notebooks for learning Python together: live pair study, Python in your browser.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#1d4ed8" },
    { media: "(prefers-color-scheme: dark)", color: "#0d1117" },
  ],
};

/**
 * The document shell only. The site's pages add their header in app/(site)/layout.tsx; embeds
 * (app/embed/) are framed by other sites and carry no header, and read no cookies.
 *
 * Every page is rendered per request (connection()): its scripts carry that response's CSP nonce
 * (lib/server/http/csp.ts), which a page rendered at build time could not have. The first of
 * them picks the light or dark theme before the page paints (lib/ui/theme.ts); it changes an
 * attribute of <html> before React hydrates, hence suppressHydrationWarning there.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const nonce = scriptNonce(await headers());
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
