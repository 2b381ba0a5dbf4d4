/**
 * The name of a start-up snapshot (snapshot.ts), shared by the worker and the build that makes the
 * app's prebuilt one (lib/server/kernel/snapshot.ts): a snapshot fits one Pyodide build with one set
 * of helpers, so both are in its name, and a change to either makes a new one.
 */
import { HELPERS_VERSION } from "./python";

export { snapshotPath } from "../../protocol/kernel-frame";

export function snapshotKey(pyodideVersion: string): string {
  return `pyodide-${pyodideVersion}-helpers-${HELPERS_VERSION}`;
}
