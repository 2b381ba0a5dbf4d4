-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "closedAt" TIMESTAMP(3);
