-- AlterTable
ALTER TABLE "Notebook" ADD COLUMN "deletedAt" DATETIME;

-- CreateTable
CREATE TABLE "NotebookVisit" (
    "userId" TEXT NOT NULL,
    "notebookId" TEXT NOT NULL,
    "visitedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "notebookId"),
    CONSTRAINT "NotebookVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NotebookVisit_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NotebookDocument" (
    "notebookId" TEXT NOT NULL PRIMARY KEY,
    "snapshot" BLOB NOT NULL,
    "schemaVersion" INTEGER NOT NULL,
    "cells" JSONB NOT NULL,
    "cellCount" INTEGER NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotebookDocument_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_NotebookDocument" ("cellCount", "cells", "notebookId", "schemaVersion", "snapshot", "updatedAt") SELECT "cellCount", "cells", "notebookId", "schemaVersion", "snapshot", "updatedAt" FROM "NotebookDocument";
DROP TABLE "NotebookDocument";
ALTER TABLE "new_NotebookDocument" RENAME TO "NotebookDocument";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "NotebookVisit_userId_visitedAt_idx" ON "NotebookVisit"("userId", "visitedAt");
