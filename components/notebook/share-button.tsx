"use client";

import { useState } from "react";
import { LinkIcon } from "../ui/icons";

/** Copies this page's address: whoever has the link can edit along. */
export function ShareButton() {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt("Copy this link and send it to your study partner:", window.location.href);
    }
  };
  return (
    <button type="button" className="button" onClick={copy}>
      <LinkIcon /> {copied ? "Link copied" : "Copy link to invite"}
    </button>
  );
}
