-- AlterTable
ALTER TABLE "NotebookDocument" ALTER COLUMN "cells" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "NotebookVersion" ALTER COLUMN "cells" SET DATA TYPE TEXT;
