-- CreateTable
CREATE TABLE "NotebookShare" (
    "notebookId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("notebookId", "email"),
    CONSTRAINT "NotebookShare_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notebook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'private',
    "linkRole" TEXT NOT NULL DEFAULT 'editor',
    "forkedFromId" TEXT,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Notebook_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notebook_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "Notebook" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Notebook" ("createdAt", "deletedAt", "forkedFromId", "id", "ownerId", "slug", "title", "updatedAt", "visibility") SELECT "createdAt", "deletedAt", "forkedFromId", "id", "ownerId", "slug", "title", "updatedAt", "visibility" FROM "Notebook";
DROP TABLE "Notebook";
ALTER TABLE "new_Notebook" RENAME TO "Notebook";
CREATE UNIQUE INDEX "Notebook_slug_key" ON "Notebook"("slug");
CREATE INDEX "Notebook_ownerId_idx" ON "Notebook"("ownerId");
CREATE INDEX "Notebook_forkedFromId_idx" ON "Notebook"("forkedFromId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "NotebookShare_email_idx" ON "NotebookShare"("email");
