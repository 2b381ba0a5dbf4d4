-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "points" DOUBLE PRECISION NOT NULL DEFAULT 10;

-- AlterTable
ALTER TABLE "AssignmentCopy" ADD COLUMN     "score" DOUBLE PRECISION,
ADD COLUMN     "scoreNote" TEXT,
ADD COLUMN     "scoredAt" TIMESTAMP(3),
ADD COLUMN     "scoredById" TEXT;

-- AlterTable
ALTER TABLE "Grade" ADD COLUMN     "maxPoints" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "points" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AddForeignKey
ALTER TABLE "AssignmentCopy" ADD CONSTRAINT "AssignmentCopy_scoredById_fkey" FOREIGN KEY ("scoredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Grades from before points: every check was worth 1.
UPDATE "Grade" SET "points" = "passed", "maxPoints" = "total";
