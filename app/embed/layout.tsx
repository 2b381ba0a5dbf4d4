/** Embeds: no site header and no cookies; a page framed by someone else's (components/embed/). */
export default function EmbedLayout({ children }: { children: React.ReactNode }) {
  return <div className="embed-page">{children}</div>;
}
