-- CreateTable
CREATE TABLE "NotebookVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "notebookId" TEXT NOT NULL,
    "name" TEXT,
    "kind" TEXT NOT NULL,
    "authorName" TEXT,
    "snapshot" BLOB NOT NULL,
    "cells" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NotebookVersion_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "NotebookVersion_notebookId_createdAt_idx" ON "NotebookVersion"("notebookId", "createdAt");
