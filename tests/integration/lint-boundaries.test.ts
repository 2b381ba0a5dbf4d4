/**
 * The import boundaries (eslint.config.mjs LAYERS, docs/adr/0002-import-boundaries.md) through the
 * real ESLint and the real config: one wrong import per forbidden direction is refused by the
 * boundary rule and nothing else, and the directions the layers allow pass. Synthetic files are
 * linted in memory at paths inside each layer; what they import is a real file, since the rule
 * resolves every import to a file first. A last check walks what server.ts and the scripts load
 * under plain Node and finds no "server-only" there (it throws outside Next's server bundle).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PATHS = "import/no-restricted-paths";
const PACKAGES = "no-restricted-imports";
const CLIENT = "no-restricted-syntax";
const LINT_TIMEOUT_MS = 120_000;

let eslint: ESLint;

/** The rules that report on `code` as the file `filePath` (relative to the project root). */
async function rulesHit(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  const messages = result!.messages;
  // A parse error or an unknown rule would make every expectation below meaningless.
  for (const m of messages) if (m.fatal || m.ruleId === null) throw new Error(`${filePath}: ${m.message}`);
  return messages.map((m) => m.ruleId!);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

describe("import boundaries refuse every direction the architecture forbids", () => {
  const refused: { why: string; file: string; code: string; rule: string }[] = [
    // The model and the utilities are UI-free and import nothing of the app.
    { why: "lib/notebook -> react", file: "lib/notebook/probe.ts", code: `import { useState } from "react";\nexport const s = useState;\n`, rule: PACKAGES },
    { why: "lib/notebook -> next", file: "lib/notebook/probe.ts", code: `export { notFound } from "next/navigation";\n`, rule: PACKAGES },
    { why: "lib/notebook -> lib/react", file: "lib/notebook/probe.ts", code: `export * from "@/lib/react/use-math";\n`, rule: PATHS },
    { why: "lib/notebook -> lib/sync", file: "lib/notebook/probe.ts", code: `export * from "../sync/presence";\n`, rule: PATHS },
    { why: "lib/notebook -> lib/kernel", file: "lib/notebook/probe.ts", code: `export * from "@/lib/kernel/protocol";\n`, rule: PATHS },
    { why: "lib/util -> lib/notebook", file: "lib/util/probe.ts", code: `export * from "@/lib/notebook/ids";\n`, rule: PATHS },
    { why: "lib/util -> react", file: "lib/util/probe.ts", code: `export { useEffect } from "react";\n`, rule: PACKAGES },
    // Nothing in lib imports components or app.
    { why: "lib/server -> components", file: "lib/server/probe.ts", code: `export * from "@/components/ui/icons";\n`, rule: PATHS },
    { why: "lib/react -> components", file: "lib/react/probe.ts", code: `export * from "../../components/ui/icons";\n`, rule: PATHS },
    { why: "lib/embed -> app", file: "lib/embed/probe.ts", code: `export * from "@/app/not-found";\n`, rule: PATHS },
    { why: "lib/server -> app", file: "lib/server/probe.ts", code: `export * from "@/app/not-found";\n`, rule: PATHS },
    // The server renders nothing: no React but its request cache, no lib/react.
    { why: "lib/server -> react (a hook)", file: "lib/server/probe.ts", code: `import { useState } from "react";\nexport const s = useState;\n`, rule: PACKAGES },
    { why: "lib/server -> react-dom", file: "lib/server/probe.ts", code: `export { renderToString } from "react-dom/server";\n`, rule: PACKAGES },
    { why: "lib/server -> lib/react", file: "lib/server/probe.ts", code: `export * from "@/lib/react/use-math";\n`, rule: PATHS },
    // Transports do not import each other: both speak lib/protocol.
    { why: "lib/server -> lib/sync", file: "lib/server/collab/probe.ts", code: `export * from "../../sync/presence";\n`, rule: PATHS },
    { why: "lib/sync -> lib/server", file: "lib/sync/probe.ts", code: `export * from "@/lib/server/collab/room";\n`, rule: PATHS },
    { why: "lib/protocol -> lib/util", file: "lib/protocol/probe.ts", code: `export * from "../util/json";\n`, rule: PATHS },
    { why: "lib/protocol -> a package", file: "lib/protocol/probe.ts", code: `export { Doc } from "yjs";\n`, rule: PACKAGES },
    // Browser code never imports lib/server.
    { why: "components -> lib/server", file: "components/notebook/probe.tsx", code: `export * from "@/lib/server/db/client";\n`, rule: PATHS },
    { why: "lib/react -> lib/server", file: "lib/react/probe.ts", code: `export * from "../server/notebooks/access";\n`, rule: PATHS },
    { why: "lib/kernel -> lib/server", file: "lib/kernel/probe.ts", code: `export * from "@/lib/server/env";\n`, rule: PATHS },
    { why: "lib/editor -> lib/server", file: "lib/editor/probe.ts", code: `export * from "@/lib/server/env";\n`, rule: PATHS },
    { why: "lib/embed -> lib/server (dynamic import)", file: "lib/embed/probe.ts", code: `export const load = () => import("@/lib/server/env");\n`, rule: PATHS },
    {
      why: `a "use client" page -> lib/server`,
      file: "app/(site)/probe/page.tsx",
      code: `"use client";\nimport { readServerEnv } from "@/lib/server/env";\nexport default function Page() {\n  return <p>{String(readServerEnv)}</p>;\n}\n`,
      rule: CLIENT,
    },
    { why: `a "use client" module -> "server-only"`, file: "app/probe.ts", code: `"use client";\nimport "server-only";\n`, rule: CLIENT },
    { why: `components -> "server-only"`, file: "components/probe.ts", code: `import "server-only";\n`, rule: PACKAGES },
    // UI code never touches Yjs values (types as handles are fine, see below).
    { why: "components -> new Y.Doc()", file: "components/embed/probe.tsx", code: `import * as Y from "yjs";\nexport const doc = new Y.Doc();\n`, rule: PACKAGES },
    // The kernel's page side and its worker: the worker may use the page's protocol, not the reverse.
    { why: "lib/kernel -> lib/kernel/worker", file: "lib/kernel/probe.ts", code: `export * from "./worker/snapshot-key";\n`, rule: PATHS },
    { why: "lib/kernel/worker -> lib/notebook", file: "lib/kernel/worker/probe.ts", code: `export * from "@/lib/notebook/ids";\n`, rule: PATHS },
    // Nothing the app ships or starts imports scripts/ (scripts may import lib, not the reverse).
    { why: "server.ts -> scripts", file: "server.ts", code: `export * from "./scripts/chromium";\n`, rule: PATHS },
    { why: "lib/server -> scripts", file: "lib/server/probe.ts", code: `export * from "../../scripts/chromium";\n`, rule: PATHS },
    { why: "app -> scripts", file: "app/probe.ts", code: `export * from "@/scripts/chromium";\n`, rule: PATHS },
    { why: "components -> scripts", file: "components/probe.ts", code: `export * from "@/scripts/chromium";\n`, rule: PATHS },
    { why: "lib/notebook -> scripts", file: "lib/notebook/probe.ts", code: `export * from "@/scripts/chromium";\n`, rule: PATHS },
    // Nor the tests' code, nor server.ts.
    { why: "lib/server -> tests/support (not a test)", file: "lib/server/probe.ts", code: `export * from "@/tests/support/memory-storage";\n`, rule: PATHS },
    { why: "lib/server -> server.ts", file: "lib/server/probe.ts", code: `export const start = () => import("@/server");\n`, rule: PATHS },
    { why: "app -> server.ts", file: "app/probe.ts", code: `export const start = () => import("@/server");\n`, rule: PATHS },
  ];

  it.each(refused)("refuses $why", async ({ file, code, rule }) => {
    expect(await rulesHit(file, code)).toEqual([rule]);
  }, LINT_TIMEOUT_MS);
});

describe("import boundaries let the allowed directions through", () => {
  const allowed: { why: string; file: string; code: string }[] = [
    { why: "app -> components, lib/server", file: "app/probe.ts", code: `export * from "@/components/ui/icons";\nexport * from "@/lib/server/env";\n` },
    { why: "components -> lib/react, lib/sync, lib/notebook", file: "components/probe.ts", code: `export * from "@/lib/react/use-math";\nexport * from "@/lib/sync/presence";\nexport * from "@/lib/notebook/ids";\n` },
    { why: "components -> Yjs types", file: "components/probe.ts", code: `import type * as Y from "yjs";\nexport type Handle = Y.Doc;\n` },
    { why: "lib/server -> lib/protocol, lib/notebook, lib/util", file: "lib/server/probe.ts", code: `export * from "../protocol/collab";\nexport * from "@/lib/notebook/ids";\nexport * from "@/lib/util/json";\n` },
    { why: "lib/server -> react's cache", file: "lib/server/probe.ts", code: `import { cache } from "react";\nexport const once = cache(() => 1);\n` },
    { why: "lib/server -> server-only", file: "lib/server/probe.ts", code: `import "server-only";\n` },
    { why: "lib/sync -> lib/protocol", file: "lib/sync/probe.ts", code: `export * from "@/lib/protocol/presence";\n` },
    { why: "lib/kernel/worker -> lib/kernel's protocol", file: "lib/kernel/worker/probe.ts", code: `export * from "../protocol";\n` },
    { why: "lib/notebook -> lib/util", file: "lib/notebook/probe.ts", code: `export * from "../util/json";\n` },
    { why: "server.ts -> lib/server", file: "server.ts", code: `export * from "./lib/server/kernel/assets";\n` },
    { why: "scripts -> lib/server, server.ts", file: "scripts/probe.ts", code: `export * from "../lib/server/kernel/assets";\nexport const start = () => import("../server");\n` },
    { why: "a colocated test -> tests/support", file: "lib/server/collab/probe.test.ts", code: `export * from "@/tests/support/memory-storage";\n` },
    { why: "tests -> app, scripts, server.ts", file: "tests/integration/probe.ts", code: `export * from "@/app/not-found";\nexport * from "@/scripts/chromium";\nexport const start = () => import("@/server");\n` },
    { why: `a "use client" page -> lib/react`, file: "app/probe.tsx", code: `"use client";\nexport * from "@/lib/react/use-math";\n` },
  ];

  it.each(allowed)("allows $why", async ({ file, code }) => {
    expect(await rulesHit(file, code)).toEqual([]);
  }, LINT_TIMEOUT_MS);
});

describe("every pair of layers in the table", () => {
  /** Where a synthetic file of each layer goes, and a real file of it to import. */
  const SAMPLES: Record<string, { probe: string; sample: string }> = {
    tests: { probe: "tests/integration/probe.ts", sample: "tests/support/memory-storage.ts" },
    scripts: { probe: "scripts/probe.ts", sample: "scripts/chromium.ts" },
    "server.ts": { probe: "server.ts", sample: "server.ts" },
    app: { probe: "app/probe.ts", sample: "app/not-found.tsx" },
    components: { probe: "components/probe.ts", sample: "components/ui/icons.tsx" },
    "lib/react": { probe: "lib/react/probe.ts", sample: "lib/react/use-math.ts" },
    "lib/server": { probe: "lib/server/probe.ts", sample: "lib/server/env.ts" },
    "lib/editor": { probe: "lib/editor/probe.ts", sample: "lib/editor/highlight.ts" },
    "lib/embed": { probe: "lib/embed/probe.ts", sample: "lib/embed/urls.ts" },
    "lib/kernel/worker": { probe: "lib/kernel/worker/probe.ts", sample: "lib/kernel/worker/snapshot-key.ts" },
    "lib/kernel": { probe: "lib/kernel/probe.ts", sample: "lib/kernel/protocol.ts" },
    "lib/sync": { probe: "lib/sync/probe.ts", sample: "lib/sync/presence.ts" },
    "lib/markdown": { probe: "lib/markdown/probe.ts", sample: "lib/markdown/render.ts" },
    "lib/classroom": { probe: "lib/classroom/probe.ts", sample: "lib/classroom/progress-types.ts" },
    "lib/versions": { probe: "lib/versions/probe.ts", sample: "lib/versions/line-diff.ts" },
    "lib/notebook": { probe: "lib/notebook/probe.ts", sample: "lib/notebook/ids.ts" },
    "lib/protocol": { probe: "lib/protocol/probe.ts", sample: "lib/protocol/collab.ts" },
    "lib/util": { probe: "lib/util/probe.ts", sample: "lib/util/json.ts" },
  };

  /** A relative specifier (the form most of lib uses) from `probe` to `sample`. */
  function specifier(probe: string, sample: string): string {
    const relative = path.relative(path.dirname(probe), sample.replace(/\.tsx?$/, ""));
    return relative.startsWith(".") ? relative : `./${relative}`;
  }

  it(
    "refuses each forbidden pair with the boundary rule and allows each allowed one",
    async () => {
      // Through a variable: the config is plain JavaScript with no types for the compiler.
      const configUrl = new URL("../../eslint.config.mjs", import.meta.url).href;
      const { LAYERS, allowedLayers } = (await import(configUrl)) as {
        LAYERS: { name: string }[];
        allowedLayers: (layer: { name: string }) => Set<string>;
      };
      // The test knows every layer the table has (a new layer needs a sample here).
      expect(Object.keys(SAMPLES).sort()).toEqual(LAYERS.map((l) => l.name).sort());
      const wrong: string[] = [];
      let forbidden = 0;
      for (const layer of LAYERS) {
        const may = allowedLayers(layer);
        for (const other of LAYERS) {
          if (other === layer) continue;
          const { probe } = SAMPLES[layer.name]!;
          const { sample } = SAMPLES[other.name]!;
          const hit = await rulesHit(probe, `export * from "${specifier(probe, sample)}";\n`);
          const expected = may.has(other.name) ? [] : [PATHS];
          if (expected.length) forbidden++;
          if (JSON.stringify(hit) !== JSON.stringify(expected)) wrong.push(`${layer.name} -> ${other.name}: ${JSON.stringify(hit)}`);
        }
      }
      expect(wrong).toEqual([]);
      // The table forbids most pairs: a rule that refused nothing would not get here.
      expect(forbidden).toBeGreaterThan(150);
    },
    LINT_TIMEOUT_MS,
  );
});

describe("server-only", () => {
  /** Source files `entry` loads, following relative, "@/" and dynamic imports (not packages). */
  function loadedBy(entries: string[]): Set<string> {
    const seen = new Set<string>();
    const queue = [...entries];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(path.join(ROOT, file), "utf8");
      for (const [, spec] of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)) {
        if (!spec!.startsWith(".") && !spec!.startsWith("@/")) continue;
        const base = spec!.startsWith("@/") ? spec!.slice(2) : path.join(path.dirname(file), spec!);
        const found = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => existsSync(path.join(ROOT, f)) && f.match(/\.tsx?$/));
        if (found) queue.push(path.normalize(found));
      }
    }
    return seen;
  }

  it("is imported by nothing that server.ts or a script loads under plain Node, where it throws", () => {
    const scripts = readdirSync(path.join(ROOT, "scripts"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join("scripts", f));
    const loaded = loadedBy(["server.ts", ...scripts]);
    // The walk reaches deep into lib/server (else it proves nothing)...
    expect(loaded).toContain("lib/server/collab/room.ts");
    expect(loaded).toContain("lib/server/kernel/assets.ts");
    // ...and none of what it reaches imports "server-only".
    const guarded = [...loaded].filter((f) => /^\s*import\s+["']server-only["']/m.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(guarded).toEqual([]);
  });
});
