-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN "previousCodeUntil" DATETIME;
ALTER TABLE "Classroom" ADD COLUMN "previousJoinCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Classroom_previousJoinCode_key" ON "Classroom"("previousJoinCode");
