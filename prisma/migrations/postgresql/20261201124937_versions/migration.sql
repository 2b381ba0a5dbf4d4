-- CreateTable
CREATE TABLE "NotebookVersion" (
    "id" TEXT NOT NULL,
    "notebookId" TEXT NOT NULL,
    "name" TEXT,
    "kind" TEXT NOT NULL,
    "authorName" TEXT,
    "snapshot" BYTEA NOT NULL,
    "cells" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotebookVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotebookVersion_notebookId_createdAt_idx" ON "NotebookVersion"("notebookId", "createdAt");

-- AddForeignKey
ALTER TABLE "NotebookVersion" ADD CONSTRAINT "NotebookVersion_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
