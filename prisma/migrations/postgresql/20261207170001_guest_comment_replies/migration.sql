-- AlterTable
ALTER TABLE "Notebook" ADD COLUMN     "guestComments" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "guestColor" TEXT,
ADD COLUMN     "guestKey" TEXT,
ADD COLUMN     "guestName" TEXT,
ALTER COLUMN "authorId" DROP NOT NULL;
