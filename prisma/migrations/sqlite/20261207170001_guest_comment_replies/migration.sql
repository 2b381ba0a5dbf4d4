-- A plain ADD COLUMN for Notebook (not a table rebuild): nothing else about the table changes.
ALTER TABLE "Notebook" ADD COLUMN "guestComments" BOOLEAN NOT NULL DEFAULT false;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "notebookId" TEXT NOT NULL,
    "cellId" TEXT NOT NULL,
    "line" INTEGER,
    "parentId" TEXT,
    "authorId" TEXT,
    "guestName" TEXT,
    "guestColor" TEXT,
    "guestKey" TEXT,
    "body" TEXT NOT NULL,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorId", "body", "cellId", "createdAt", "id", "line", "notebookId", "parentId", "resolvedAt") SELECT "authorId", "body", "cellId", "createdAt", "id", "line", "notebookId", "parentId", "resolvedAt" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_notebookId_createdAt_idx" ON "Comment"("notebookId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
