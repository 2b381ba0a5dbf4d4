/**
 * oEmbed through the real route and database: a public or link-shared notebook (or a cell, or a
 * range of cells, of its current document) gets a valid "rich" oEmbed 1.0 answer that any site may
 * read; everything that may not be embedded (private, trashed, missing, an unknown cell, another
 * site's URL) is the same 404; a malformed request is a 400 and xml a 501. No answer sets a cookie.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { insertCell, LOAD, snapshotNotebook } from "@/lib/notebook";
import { changeDocument } from "@/lib/server/documents/service";
import { getDb } from "@/lib/server/db/client";
import { oembedEndpoint } from "@/lib/server/embeds/oembed";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { getNotebookPage } from "@/lib/server/notebooks/queries";
import type { Visibility } from "@/lib/server/notebooks/access";
import { GET as oembed } from "@/app/api/oembed/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";

const ORIGIN = "http://localhost:3000";

process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";
// Behind one trusted proxy, with a second origin of the app's own (README "Configuration").
process.env.TANDEM_TRUST_PROXY = "1";
process.env.TANDEM_ALLOWED_ORIGINS = "https://tandem.example";

type Answer = { version: string; type: string; provider_name: string; provider_url: string; title: string; html: string; width: number; height: number; cache_age: number };

/** GET /api/oembed with `query` (an object, or a raw query string), as a consumer site would. */
function ask(query: Record<string, string> | string, headers: Record<string, string> = {}) {
  const search = typeof query === "string" ? query : new URLSearchParams(query).toString();
  return oembed(new Request(`${ORIGIN}/api/oembed?${search}`, { headers: { cookie: "better-auth.session_token=whatever", ...headers } }));
}

const page = (slug: string, query = "") => `${ORIGIN}/n/${slug}${query}`;

/** Every answer: open to any site, and never a cookie. */
function expectOpen(response: Response) {
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  expect(response.headers.get("set-cookie")).toBeNull();
  expect(response.headers.getSetCookie()).toEqual([]);
}

async function answer(response: Response): Promise<Answer> {
  expect(response.status).toBe(200);
  expectOpen(response);
  expect(response.headers.get("content-type")).toContain("application/json");
  return (await response.json()) as Answer;
}

for (const backend of testBackends()) {
  describe(`oEmbed on ${backend.name}`, () => {
    useRouteDatabase(backend);
    let ownerId: string;
    const owner = { id: "", email: `owner-${backend.name}@example.com` };

    /** A notebook of three cells (after the blank one's empty code cell), and their ids in order. */
    async function notebook(title: string, visibility: Visibility) {
      const doc = blankDocument();
      insertCell(doc, { type: "markdown", source: "# Objects" }, LOAD);
      insertCell(doc, { type: "code", source: "x = [1, 2]\nprint(x)" }, LOAD);
      insertCell(doc, { type: "code", source: "print(id(x))" }, LOAD);
      const made = await createNotebook(getDb(), { title, visibility, ownerId, document: doc }, owner);
      if (!made.ok) throw new Error(made.message);
      return { ...made.value, cells: snapshotNotebook(doc).cells.map((c) => c.id) };
    }

    beforeAll(async () => {
      const user = await getDb().user.create({ data: { name: "Owner", email: owner.email } });
      ownerId = owner.id = user.id;
    });

    it("answers a public notebook with a complete rich oEmbed 1.0 answer", async () => {
      const nb = await notebook("Reference counting", "public");
      const json = await answer(await ask({ url: page(nb.slug), format: "json" }));
      expect(json).toEqual({
        version: "1.0",
        type: "rich",
        provider_name: "Tandem",
        provider_url: ORIGIN,
        title: "Reference counting",
        html: expect.any(String),
        width: 720,
        height: 480,
        cache_age: 3600,
      });
      expect(json.html).toMatch(/^<iframe /);
      expect(json.html).toContain(`src="${ORIGIN}/embed/${nb.slug}"`);
      expect(json.html).toContain('title="Reference counting"');
      // format is optional; json is the default.
      expect((await answer(await ask({ url: page(nb.slug) }))).title).toBe("Reference counting");
    });

    it("takes an /embed/ URL as well as the notebook's own", async () => {
      const nb = await notebook("From a frame", "public");
      const json = await answer(await ask({ url: `${ORIGIN}/embed/${nb.slug}?cell=${nb.cells[3]}` }));
      expect(json.title).toBe("From a frame: cell 4");
    });

    it("names a cell by its position, and a range by its ends", async () => {
      const nb = await notebook("Lists", "public");
      const cell = await answer(await ask({ url: page(nb.slug, `?cell=${nb.cells[2]}`), format: "json" }));
      expect(cell.title).toBe("Lists: cell 3");
      expect(cell.html).toContain(`${ORIGIN}/embed/${nb.slug}?cell=${nb.cells[2]}`);
      expect(cell.height).toBe(220);

      const range = await answer(await ask({ url: page(nb.slug, `?cells=${nb.cells[1]}..${nb.cells[3]}`) }));
      expect(range.title).toBe("Lists: cells 2–4");
      expect(range.html).toContain(`?cells=${nb.cells[1]}..${nb.cells[3]}`);
      expect(range.height).toBe(480);

      // Ends given the other way round show the same cells, as the frame does.
      const backwards = await answer(await ask({ url: page(nb.slug, `?cells=${nb.cells[3]}..${nb.cells[1]}`) }));
      expect(backwards.title).toBe("Lists: cells 2–4");
    });

    it("sees the current document: a cell added since the notebook was made", async () => {
      const nb = await notebook("Growing", "public");
      let added = "";
      expect(await changeDocument(nb.id, (doc) => (added = insertCell(doc, { type: "code", source: "gc.collect()" }, LOAD)))).toBe(true);
      expect((await answer(await ask({ url: page(nb.slug, `?cell=${added}`) }))).title).toBe("Growing: cell 5");
    });

    it("honours maxwidth and maxheight, in the numbers and in the html", async () => {
      const nb = await notebook("Sized", "public");
      const small = await answer(await ask({ url: page(nb.slug), maxwidth: "400", maxheight: "300" }));
      expect([small.width, small.height]).toEqual([400, 300]);
      expect(small.html).toContain(' width="400"');
      expect(small.html).toContain(' height="300"');

      const onlyHeight = await answer(await ask({ url: page(nb.slug, `?cell=${nb.cells[1]}`), maxheight: "100" }));
      expect([onlyHeight.width, onlyHeight.height]).toEqual([720, 100]);
      expect(onlyHeight.html).toContain(' width="100%"');
      expect(onlyHeight.html).toContain(' height="100"');

      // Room to spare changes nothing: the answer is never larger than the frame's own size.
      const roomy = await answer(await ask({ url: page(nb.slug), maxwidth: "2000", maxheight: "2000" }));
      expect([roomy.width, roomy.height]).toEqual([720, 480]);
      expect(roomy.html).toContain(' height="480"');
    });

    it("answers a notebook viewable by link, never one whose link lets anyone edit (its readers could)", async () => {
      const viewOnly = await notebook("Read along", "link");
      await getDb().notebook.update({ where: { id: viewOnly.id }, data: { linkRole: "viewer" } });
      expect((await answer(await ask({ url: page(viewOnly.slug) }))).title).toBe("Read along");
      const editable = await notebook("Pairing", "link");
      const refused = await ask({ url: page(editable.slug) });
      expect(refused.status).toBe(404);
      expect(await refused.text()).toBe(await (await ask({ url: page("no-such-notebook") })).text());
      const shown = await getNotebookPage(editable.slug, owner);
      expect([shown?.embeddable, shown?.linkEdits]).toEqual([false, true]);
    });

    it("answers a private notebook exactly as one that does not exist, and a trashed one too", async () => {
      const secret = await notebook("Secret", "private");
      const hidden = await ask({ url: page(secret.slug), format: "json" });
      const hiddenCell = await ask({ url: page(secret.slug, `?cell=${secret.cells[1]}`), format: "json" });
      const missing = await ask({ url: page("no-such-notebook"), format: "json" });
      for (const response of [hidden, hiddenCell, missing]) {
        expect(response.status).toBe(404);
        expectOpen(response);
        expect(response.headers.get("cache-control")).toBe("no-store");
      }
      const body = await missing.text();
      expect(await hidden.text()).toBe(body);
      expect(await hiddenCell.text()).toBe(body);
      expect(JSON.parse(body)).toEqual({ code: "not_found", message: expect.any(String) });

      const trashed = await notebook("Thrown away", "public");
      await getDb().notebook.update({ where: { id: trashed.id }, data: { deletedAt: new Date() } });
      const gone = await ask({ url: page(trashed.slug) });
      expect(gone.status).toBe(404);
      expect(await gone.text()).toBe(body);
    });

    it("answers 404 for a cell or a range end that is not in the notebook", async () => {
      const nb = await notebook("Cells", "public");
      const body = await (await ask({ url: page("no-such-notebook") })).text();
      for (const query of [`?cell=not-a-cell`, `?cells=${nb.cells[1]}..nope`, `?cells=nope..${nb.cells[1]}`]) {
        const response = await ask({ url: page(nb.slug, query) });
        expect(response.status, query).toBe(404);
        expect(await response.text()).toBe(body);
      }
    });

    it("answers 404 for URLs that are not a Tandem notebook here, and 400 for a malformed request", async () => {
      const nb = await notebook("Elsewhere", "public");
      const notOurs = [
        `https://evil.example/n/${nb.slug}`,
        `http://127.0.0.1:3000/n/${nb.slug}`,
        `${ORIGIN}/n/${nb.slug}/history`,
        `${ORIGIN}/library`,
        page(nb.slug, "?cell=not%20an%20id"),
      ];
      for (const url of notOurs) {
        const response = await ask({ url });
        expect(response.status, url).toBe(404);
        expectOpen(response);
      }

      for (const query of ["", "format=json", "url=", "url=not%20a%20url", `url=${encodeURIComponent(page(nb.slug))}&maxwidth=0`, `url=${encodeURIComponent(page(nb.slug))}&maxheight=-3`, `url=${encodeURIComponent(page(nb.slug))}&maxwidth=wide`]) {
        const response = await ask(query);
        expect(response.status, query).toBe(400);
        expectOpen(response);
        expect(((await response.json()) as { code: string }).code).toBe("bad_request");
      }
    });

    it("answers 501 for xml, or any format but json", async () => {
      const nb = await notebook("Formats", "public");
      for (const format of ["xml", "yaml"]) {
        const response = await ask({ url: page(nb.slug), format });
        expect(response.status, format).toBe(501);
        expectOpen(response);
        expect(((await response.json()) as { code: string }).code).toBe("not_implemented");
      }
    });

    it("uses the app's origin the consumer reached through the trusted proxy", async () => {
      const nb = await notebook("Proxied", "public");
      const proxied = { "x-forwarded-host": "tandem.example", "x-forwarded-proto": "https" };
      const json = await answer(await ask({ url: `https://tandem.example/n/${nb.slug}` }, proxied));
      expect(json.provider_url).toBe("https://tandem.example");
      expect(json.html).toContain(`src="https://tandem.example/embed/${nb.slug}"`);
      // The site's URL as the proxy does not know it is someone else's.
      expect((await ask({ url: page(nb.slug) }, proxied)).status).toBe(404);
    });

    it("never answers with an origin that is not the app's, whatever the forwarded headers say", async () => {
      const nb = await notebook("Poisoned", "public");
      const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", host: "evil.example" };
      const evil = await ask({ url: `https://evil.example/n/${nb.slug}` }, forged);
      expect(evil.status).toBe(404);
      const json = await answer(await ask({ url: page(nb.slug) }, forged));
      expect(json.provider_url).toBe(ORIGIN);
      expect(json.html).not.toContain("evil.example");
    });

    it("offers discovery only for notebooks that may be embedded", async () => {
      const shared = await notebook("Discover me", "link");
      await getDb().notebook.update({ where: { id: shared.id }, data: { linkRole: "viewer" } });
      const secret = await notebook("Do not", "private");
      expect((await getNotebookPage(shared.slug, owner))?.embeddable).toBe(true);
      expect((await getNotebookPage(secret.slug, owner))?.embeddable).toBe(false);
      const endpoint = new URL(oembedEndpoint(ORIGIN, shared.slug));
      expect(endpoint.pathname).toBe("/api/oembed");
      expect(endpoint.searchParams.get("url")).toBe(page(shared.slug));
      expect(endpoint.searchParams.get("format")).toBe("json");
      expect((await answer(await ask(endpoint.search.slice(1)))).title).toBe("Discover me");
    });
  });
}
