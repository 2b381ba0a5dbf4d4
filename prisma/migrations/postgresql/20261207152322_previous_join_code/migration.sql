-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN     "previousCodeUntil" TIMESTAMP(3),
ADD COLUMN     "previousJoinCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Classroom_previousJoinCode_key" ON "Classroom"("previousJoinCode");
