-- AlterTable
ALTER TABLE "Notebook" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "NotebookDocument" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "NotebookVisit" (
    "userId" TEXT NOT NULL,
    "notebookId" TEXT NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotebookVisit_pkey" PRIMARY KEY ("userId","notebookId")
);

-- CreateIndex
CREATE INDEX "NotebookVisit_userId_visitedAt_idx" ON "NotebookVisit"("userId", "visitedAt");

-- AddForeignKey
ALTER TABLE "NotebookVisit" ADD CONSTRAINT "NotebookVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotebookVisit" ADD CONSTRAINT "NotebookVisit_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
