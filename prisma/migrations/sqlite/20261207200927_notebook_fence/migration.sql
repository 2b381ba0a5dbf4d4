-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NotebookDocument" (
    "notebookId" TEXT NOT NULL PRIMARY KEY,
    "snapshot" BLOB NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "cells" TEXT NOT NULL,
    "cellCount" INTEGER NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "fence" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotebookDocument_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_NotebookDocument" ("cellCount", "cells", "notebookId", "schemaVersion", "searchText", "snapshot", "updatedAt") SELECT "cellCount", "cells", "notebookId", "schemaVersion", "searchText", "snapshot", "updatedAt" FROM "NotebookDocument";
DROP TABLE "NotebookDocument";
ALTER TABLE "new_NotebookDocument" RENAME TO "NotebookDocument";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
