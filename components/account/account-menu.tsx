"use client";

import { IntentLink } from "@/components/site/intent-link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { initials } from "@/lib/sync/presence";
import { textOn } from "@/lib/ui/contrast";

export interface AccountSummary {
  readonly name: string;
  readonly email: string;
  readonly color: string;
}

/** The header's corner: who is signed in, and sign out; or the ways in for a guest. */
export function AccountMenu({ account }: { account: AccountSummary | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, setPending] = useState(false);

  if (!account) {
    // Back to this page afterwards; from the sign-in and sign-up pages, to where they lead.
    const onAuthPage = pathname === "/sign-in" || pathname === "/sign-up";
    const next = encodeURIComponent((onAuthPage ? search.get("next") : pathname) || "/");
    return (
      <span className="account-menu">
        <IntentLink href={`/sign-in?next=${next}`} className="button button-small">
          Sign in
        </IntentLink>
        <IntentLink href={`/sign-up?next=${next}`} className="button button-small button-primary">
          Sign up
        </IntentLink>
      </span>
    );
  }

  const signOut = async () => {
    setPending(true);
    try {
      await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    } finally {
      setPending(false);
      router.refresh();
    }
  };

  return (
    <span className="account-menu" data-testid="account-menu">
      <span className="avatar" style={{ background: account.color, color: textOn(account.color) }} aria-hidden>
        {initials(account.name)}
      </span>
      <span className="account-name" title={account.email}>
        {account.name}
      </span>
      <button type="button" className="button button-small" onClick={signOut} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </span>
  );
}
