-- AlterTable
ALTER TABLE "Notebook" ADD COLUMN     "linkRole" TEXT NOT NULL DEFAULT 'editor';

-- CreateTable
CREATE TABLE "NotebookShare" (
    "notebookId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotebookShare_pkey" PRIMARY KEY ("notebookId","email")
);

-- CreateIndex
CREATE INDEX "NotebookShare_email_idx" ON "NotebookShare"("email");

-- AddForeignKey
ALTER TABLE "NotebookShare" ADD CONSTRAINT "NotebookShare_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook"("id") ON DELETE CASCADE ON UPDATE CASCADE;
