import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EmbedClient } from "@/components/embed/embed-client";
import { parseSelection } from "@/lib/embed/urls";
import { getDb } from "@/lib/server/db/client";
import { loadEmbed } from "@/lib/server/embeds/embeds";
import { settings } from "@/lib/server/env";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

/** Once per request, for the metadata and the page alike. */
const embedFor = cache(async (slug: string, cell: string | null, cells: string | null) => {
  const selection = parseSelection({ cell, cells });
  return selection ? loadEmbed(getDb(), slug, selection) : null;
});

async function load({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const data = await embedFor(slug, one(query.cell), one(query.cells));
  const page = one(query.page);
  return { data, sharedKernel: one(query.kernel) === "shared" && page && /^[\w-]{1,64}$/.test(page) ? page : null };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { data } = await load(props);
  return { title: data ? data.title : "Not available", robots: { index: false } };
}

/**
 * An embedded notebook, cell or range of cells, framed by another site (embed.js or an <iframe>).
 * Anonymous: it reads no cookies and sets none, and shows only what a guest may read of a public
 * or link-shared notebook; anything else is the same "not available".
 */
export default async function EmbedPage(props: Props) {
  const { data, sharedKernel } = await load(props);
  if (!data) notFound();
  // Packages come from where the notebook page's come from (TANDEM_PYODIDE_PACKAGE_URL).
  return <EmbedClient slug={data.slug} title={data.title} cells={data.cells} sharedKernel={sharedKernel} packageBaseUrl={settings().pyodidePackageUrl} />;
}
