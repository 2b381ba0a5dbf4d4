// Prints one closing line for CI from the runners' JSON reports (written when CI is set):
// "tests: N passed, N failed" — Vitest's unit/integration tests plus Playwright's end-to-end tests.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
const parts = [];
if (existsSync("test-results/unit.json")) {
  const unit = JSON.parse(readFileSync("test-results/unit.json", "utf8"));
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  parts.push(`vitest ${unit.numPassedTests}/${unit.numTotalTests}`);
}
if (existsSync("test-results/e2e.json")) {
  const { stats } = JSON.parse(readFileSync("test-results/e2e.json", "utf8"));
  passed += stats.expected;
  failed += stats.unexpected + stats.flaky;
  parts.push(`playwright ${stats.expected}/${stats.expected + stats.unexpected + stats.flaky + stats.skipped}`);
}
console.log(`(${parts.join(", ") || "no test reports found"})`);
console.log(`tests: ${passed} passed, ${failed} failed`);
