/**
 * Whether this person may only view the notebook (a viewer): the live page shows everything as it
 * happens, and everything that would change the document is hidden or refused (the server would
 * refuse it anyway). Provided once by the live notebook, read by its parts.
 */
import { createContext, useContext } from "react";

export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}
