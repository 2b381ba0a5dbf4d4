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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotebookDocument_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_NotebookDocument" ("cellCount", "cells", "notebookId", "schemaVersion", "searchText", "snapshot", "updatedAt") SELECT "cellCount", "cells", "notebookId", "schemaVersion", "searchText", "snapshot", "updatedAt" FROM "NotebookDocument";
DROP TABLE "NotebookDocument";
ALTER TABLE "new_NotebookDocument" RENAME TO "NotebookDocument";
CREATE TABLE "new_NotebookVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "notebookId" TEXT NOT NULL,
    "name" TEXT,
    "kind" TEXT NOT NULL,
    "authorName" TEXT,
    "snapshot" BLOB NOT NULL,
    "cells" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NotebookVersion_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_NotebookVersion" ("authorName", "cells", "createdAt", "id", "kind", "name", "notebookId", "snapshot") SELECT "authorName", "cells", "createdAt", "id", "kind", "name", "notebookId", "snapshot" FROM "NotebookVersion";
DROP TABLE "NotebookVersion";
ALTER TABLE "new_NotebookVersion" RENAME TO "NotebookVersion";
CREATE INDEX "NotebookVersion_notebookId_createdAt_idx" ON "NotebookVersion"("notebookId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
