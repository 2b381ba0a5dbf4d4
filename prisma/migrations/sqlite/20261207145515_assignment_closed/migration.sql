-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN "closedAt" DATETIME;
