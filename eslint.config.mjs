// Lint: Next's recommended rules (core web vitals + TypeScript) and the architecture's import
// direction (app -> components -> lib/react -> lib/notebook; transports and the kernel depend on
// the model, never on UI). See ../shared/STYLE.md and README "Architecture".
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const noUi = [
  { group: ["@/app/*", "**/app/*"], message: "lib/ must not import app/ (imports point one way)." },
  { group: ["@/components/*", "**/components/*"], message: "lib/ must not import components/." },
];
const noServer = {
  group: ["@/lib/server/*", "**/lib/server/*", "../server/*", "../../server/*"],
  message: "Browser code must not import lib/server (server-only: database, secrets).",
};
const noReact = { group: ["react", "react-dom", "@/lib/react/*", "**/react/*"], message: "The model is UI-free." };

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

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
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  { files: ["lib/**/*.ts", "lib/**/*.tsx"], rules: restrict(noUi) },
  { files: ["lib/notebook/**", "lib/util/**"], rules: restrict([...noUi, noServer, noReact]) },
  { files: ["lib/kernel/**", "lib/sync/**", "lib/editor/**"], rules: restrict([...noUi, noServer]) },
  { files: ["components/**", "lib/react/**"], rules: restrict([noServer]) },
];

export default config;
