/**
 * The notebook model. A notebook is a Yjs document whose layout `schema.ts` alone knows; the rest
 * of the app reads it through selectors (plain snapshots) and changes it through commands, each
 * one transaction with a typed origin. This package imports only yjs, small pure libraries and
 * lib/util: no React, no DOM, no network, so it runs the same in the browser, the server and tests.
 *
 * Browser code imports the modules it uses (`@/lib/notebook/commands`, ...) rather than this index:
 * the index also brings in nbformat validation, whose schemas are full zod (~450 KB of script).
 */
export * from "./ids";
export * from "./origins";
export { SCHEMA_VERSION, CELL_TYPES, isCellType, cellSourceText, getCellMap } from "./schema";
export type { CellType } from "./schema";
export * from "./selectors";
export * from "./commands";
export * from "./run-commands";
export * from "./execution";
export * from "./undo";
export * from "./writers";
export { incompleteCells, repairCells } from "./normalize";
export { documentVersion, upgradeDocument, type UpgradeOutcome } from "./upgrade";
export * from "./nbformat/convert";
export * from "./nbformat/validate";
export { MAX_CELL_OUTPUTS, MAX_NOTEBOOK_CELLS, MAX_NOTEBOOK_DEPTH } from "./nbformat/limits";
export * from "./lesson-meta";
