import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tandem — learn Python together", template: "%s · Tandem" },
  description: "Notebooks for learning Python together: live pair study, Python in your browser.",
};

export const viewport: Viewport = { themeColor: "#1d4ed8" };

/**
 * The document shell only. The site's pages add their header in app/(site)/layout.tsx; embeds
 * (app/embed/) are framed by other sites and carry no header, and read no cookies.
 */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
