-- AlterTable
ALTER TABLE "NotebookDocument" ADD COLUMN     "fence" INTEGER NOT NULL DEFAULT 0;
