-- AlterTable
ALTER TABLE "AssignmentCopy" ADD COLUMN "handedInVersionId" TEXT;
