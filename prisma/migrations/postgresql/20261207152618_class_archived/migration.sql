-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN     "archivedAt" TIMESTAMP(3);
