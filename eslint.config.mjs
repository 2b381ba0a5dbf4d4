// Lint: Next's recommended rules (core web vitals + TypeScript) and the architecture's import
// boundaries, generated from one ordered table of layers (LAYERS below). STYLE.md (convention 15)
// gives the direction, README "Architecture" the folders, docs/adr/0002-import-boundaries.md the
// reasons; tests/integration/lint-boundaries.test.ts feeds each forbidden direction to this config.
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * The layers, top to bottom. Each names its files (globs from the project root; layers never
 * overlap: `lib/kernel/*` is the page side, `lib/kernel/worker/**` the worker) and the layers it
 * may import; its own files it always may. A layer may list only layers below it, which
 * `checkOrder` enforces, so imports point one way and there are no cycles between layers.
 * "lib/*" stands for every lib layer, "*" for every layer below.
 *
 * `packages` restricts what a layer takes from node_modules (no-restricted-imports), by the
 * groups defined after this table. Files in no layer (the root's *.config.* files) are free.
 */
const LAYERS = [
  { name: "tests", files: ["tests/**"], imports: ["*"] },
  { name: "scripts", files: ["scripts/**"], imports: ["server.ts", "lib/*"], packages: ["serverOnly"] },
  {
    name: "server.ts",
    files: ["server.ts"],
    imports: ["lib/server", "lib/protocol", "lib/util"],
    packages: ["serverOnly"],
  },
  {
    name: "app",
    files: ["app/**"],
    imports: ["components", "lib/react", "lib/server", "lib/embed", "lib/kernel", "lib/markdown", "lib/classroom", "lib/versions", "lib/notebook", "lib/protocol", "lib/util"],
    packages: ["yjsValues"],
  },
  {
    name: "components",
    files: ["components/**"],
    imports: ["lib/react", "lib/editor", "lib/embed", "lib/kernel", "lib/sync", "lib/markdown", "lib/classroom", "lib/versions", "lib/notebook", "lib/protocol", "lib/util"],
    packages: ["yjsValues", "serverOnly"],
  },
  {
    name: "lib/react",
    files: ["lib/react/**"],
    imports: ["lib/editor", "lib/embed", "lib/kernel", "lib/sync", "lib/markdown", "lib/classroom", "lib/notebook", "lib/protocol", "lib/util"],
    packages: ["serverOnly"],
  },
  {
    // The server. It reads the worker's snapshot key and prepares its files (lib/server/kernel/).
    name: "lib/server",
    files: ["lib/server/**"],
    imports: ["lib/embed", "lib/kernel/worker", "lib/classroom", "lib/versions", "lib/notebook", "lib/protocol", "lib/util"],
    packages: ["reactCacheOnly"],
  },
  { name: "lib/editor", files: ["lib/editor/**"], imports: ["lib/notebook", "lib/util"], packages: ["uiFree", "serverOnly"] },
  { name: "lib/embed", files: ["lib/embed/**"], imports: ["lib/kernel", "lib/notebook", "lib/util"], packages: ["uiFree", "serverOnly"] },
  {
    name: "lib/kernel/worker",
    files: ["lib/kernel/worker/**"],
    imports: ["lib/kernel", "lib/protocol", "lib/util"],
    packages: ["uiFree", "serverOnly"],
  },
  { name: "lib/kernel", files: ["lib/kernel/*"], imports: ["lib/notebook", "lib/protocol", "lib/util"], packages: ["uiFree", "serverOnly"] },
  { name: "lib/sync", files: ["lib/sync/**"], imports: ["lib/notebook", "lib/protocol", "lib/util"], packages: ["uiFree", "serverOnly"] },
  { name: "lib/markdown", files: ["lib/markdown/**"], imports: ["lib/util"], packages: ["uiFree", "serverOnly"] },
  { name: "lib/classroom", files: ["lib/classroom/**"], imports: ["lib/notebook", "lib/util"], packages: ["uiFree", "serverOnly"] },
  // A version's diff against now (pure: nbformat cells in, plain data out).
  { name: "lib/versions", files: ["lib/versions/**"], imports: ["lib/notebook", "lib/util"], packages: ["uiFree", "serverOnly"] },
  { name: "lib/notebook", files: ["lib/notebook/**"], imports: ["lib/util"], packages: ["uiFree", "serverOnly"] },
  // What the server and the browser both speak (the collaboration protocol, the presence user).
  { name: "lib/protocol", files: ["lib/protocol/**"], imports: [], packages: ["nothing"] },
  { name: "lib/util", files: ["lib/util/**"], imports: [], packages: ["uiFree", "serverOnly"] },
];

const SEE = "(eslint.config.mjs LAYERS, docs/adr/0002-import-boundaries.md)";

/** Package restrictions by name, as no-restricted-imports `paths` and `patterns`. */
const PACKAGES = {
  uiFree: {
    patterns: [
      {
        // A regex, not a gitignore group: "react/*" would also match "@/lib/react/...".
        regex: "^(react|react-dom|next)(/|$)",
        message: `The model, transports and kernel are UI-free: React and Next belong to app/, components/ and lib/react ${SEE}.`,
      },
    ],
  },
  // `cache` is React's per-request memo for server components (auth/current.ts); nothing else of React.
  reactCacheOnly: {
    paths: [{ name: "react", allowImportNames: ["cache"], message: `lib/server takes only \`cache\` from React ${SEE}.` }],
    patterns: [{ regex: "^(react/|react-dom(/|$))", message: `lib/server renders nothing ${SEE}.` }],
  },
  serverOnly: {
    paths: [
      {
        name: "server-only",
        message: `"server-only" is for modules only Next's server bundle loads: app/ and lib/server, never code that server.ts, scripts or the browser load ${SEE}.`,
      },
    ],
  },
  // Components hold a document as an opaque handle: types only; every read and write goes through
  // selectors, hooks and commands (STYLE.md, conventions 1-2).
  yjsValues: {
    paths: ["yjs", "y-protocols/awareness", "y-protocols/sync", "y-websocket", "y-indexeddb", "y-codemirror.next"].map((name) => ({
      name,
      allowTypeImports: true,
      message: `UI code never touches Yjs: read through lib/react hooks and selectors, write through lib/notebook commands ${SEE}.`,
    })),
  },
  // Colocated tests import vitest.
  nothing: { patterns: [{ regex: "^(?!\\.|vitest$)", message: `lib/protocol imports nothing: both sides depend on it ${SEE}.` }] },
};

const byName = new Map(LAYERS.map((layer, index) => [layer.name, { ...layer, index }]));

/** The layers `layer` may import, with "*" and "lib/*" expanded. */
function allowed(layer) {
  const below = LAYERS.slice(byName.get(layer.name).index + 1);
  return new Set(
    layer.imports.flatMap((name) => {
      if (name === "*") return below.map((l) => l.name);
      if (name === "lib/*") return below.filter((l) => l.name.startsWith("lib/")).map((l) => l.name);
      return [name];
    }),
  );
}

/** Throws when the table names an unknown layer or lets a layer import one above it. */
function checkOrder() {
  for (const layer of LAYERS) {
    for (const name of allowed(layer)) {
      const other = byName.get(name);
      if (!other) throw new Error(`eslint.config.mjs: layer ${layer.name} imports unknown layer ${name}`);
      if (other.index <= byName.get(layer.name).index) {
        throw new Error(`eslint.config.mjs: layer ${layer.name} may not import ${name}, which is above it in LAYERS`);
      }
    }
    for (const group of layer.packages ?? []) {
      if (!PACKAGES[group]) throw new Error(`eslint.config.mjs: layer ${layer.name} names unknown package group ${group}`);
    }
  }
}

const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx"];

/** `files` globs narrowed to the colocated tests among them (none for a single file). */
function testGlobs(files) {
  return files.flatMap((glob) => (glob.endsWith("/**") ? [`${glob}/*.test.{ts,tsx}`] : glob.endsWith("/*") ? [`${glob}.test.{ts,tsx}`] : []));
}

/**
 * import/no-restricted-paths zones: one per layer `layer` may not import. The resolver (TypeScript
 * paths included) turns each import into a file first, so `@/lib/...` and `../../lib/...` are the
 * same import. A colocated test may also use the test support code (tests/support/).
 */
function zones(layer, { test }) {
  const may = allowed(layer);
  const list = [...may].join(", ") || "nothing";
  return LAYERS.filter((other) => other !== layer && !may.has(other.name)).map((other) => ({
    target: layer.files,
    from: other.files,
    ...(test && other.name === "tests" ? { except: [path.join(ROOT, "tests/support/**")] } : {}),
    message: `${layer.name} must not import ${other.name}; it may import ${list} ${SEE}.`,
  }));
}

function packageRule(layer) {
  const groups = (layer.packages ?? []).map((name) => PACKAGES[name]);
  const paths = groups.flatMap((g) => g.paths ?? []);
  const patterns = groups.flatMap((g) => g.patterns ?? []);
  return paths.length || patterns.length ? { "no-restricted-imports": ["error", { paths, patterns }] } : {};
}

function layerBlocks() {
  checkOrder();
  return LAYERS.flatMap((layer) =>
    [false, true].flatMap((test) => {
      if (test && testGlobs(layer.files).length === 0) return [];
      const layerZones = zones(layer, { test });
      return {
        name: `tandem/layers/${layer.name}${test ? " (tests)" : ""}`,
        files: test ? testGlobs(layer.files) : layer.files,
        ...(test ? {} : { ignores: TEST_FILES }),
        rules: {
          ...(layerZones.length ? { "import/no-restricted-paths": ["error", { basePath: ROOT, zones: layerZones }] } : {}),
          ...packageRule(layer),
        },
      };
    }),
  );
}

// A "use client" module is browser code wherever it lives (app/ included): no lib/server, no
// "server-only". esquery regexes cannot hold "/", hence \x2F.
const SERVER_SOURCE = "/(^@\\x2F|\\x2F)lib\\x2Fserver(\\x2F|$)|^server-only$/";
const clientBoundary = {
  name: "tandem/use-client",
  files: ["**/*.ts", "**/*.tsx"],
  rules: {
    "no-restricted-syntax": [
      "error",
      ...["ImportDeclaration", "ExportNamedDeclaration", "ExportAllDeclaration", "ImportExpression"].map((node) => ({
        selector: `Program:has(> ExpressionStatement[directive="use client"]) ${node} > Literal.source[value=${SERVER_SOURCE}]`,
        message: `A "use client" module is browser code: it must not import lib/server or "server-only" ${SEE}.`,
      })),
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/server/db/generated/**",
      "public/**",
      "test-results/**",
      "playwright-report/**",
      // Notebooks and scripts in other languages, read as data by the tests (jupytext's among them).
      "tests/fixtures/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  ...layerBlocks(),
  clientBoundary,
];

export default config;

// For tests/integration/lint-boundaries.test.ts, which checks every pair of layers.
export { LAYERS, allowed as allowedLayers };
