import { IntentLink } from "@/components/site/intent-link";
import { AccountMenu } from "@/components/account/account-menu";
import { NewNotebookButton } from "@/components/notebook/new-notebook-button";
import { Disclosure } from "@/components/ui/disclosure";
import { MenuIcon } from "@/components/ui/icons";
import { ThemeToggle } from "@/components/site/theme-toggle";

/** The site's header: the brand, the main links, and the account (behind a menu button on a narrow screen). */
export function SiteHeader({ viewer }: { viewer: { name: string; email: string; color: string } | null }) {
  return (
    <header className="site-header">
      <IntentLink href="/" className="brand" aria-label="Tandem home">
        {/* The mark is drawn by CSS, so that the link's visible text is the word its name starts with. */}
        <span className="brand-mark" aria-hidden />
        Tandem
      </IntentLink>
      <Disclosure className="site-menu-box" label="Menu" icon={<MenuIcon />} toggleClassName="site-menu-toggle" panelClassName="site-menu">
        <nav className="site-nav" aria-label="Main">
          <IntentLink href="/">Lessons</IntentLink>
          {viewer ? <IntentLink href="/library">Library</IntentLink> : null}
          {viewer ? <IntentLink href="/classes">Classes</IntentLink> : null}
        </nav>
        <div className="site-actions">
          <ThemeToggle />
          <NewNotebookButton className="button button-small" />
          <AccountMenu account={viewer ? { name: viewer.name, email: viewer.email, color: viewer.color } : null} />
        </div>
      </Disclosure>
    </header>
  );
}
