-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN "archivedAt" DATETIME;
