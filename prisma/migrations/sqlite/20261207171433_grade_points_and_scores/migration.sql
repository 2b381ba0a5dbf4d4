-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "sourceId" TEXT,
    "title" TEXT NOT NULL,
    "instructions" TEXT NOT NULL DEFAULT '',
    "dueAt" DATETIME,
    "closedAt" DATETIME,
    "lockAtDue" BOOLEAN NOT NULL DEFAULT false,
    "snapshot" BLOB NOT NULL,
    "hiddenChecks" JSONB NOT NULL,
    "checks" JSONB NOT NULL,
    "points" REAL NOT NULL DEFAULT 10,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assignment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Classroom" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Notebook" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("checks", "classId", "closedAt", "createdAt", "createdById", "dueAt", "hiddenChecks", "id", "instructions", "lockAtDue", "snapshot", "sourceId", "title") SELECT "checks", "classId", "closedAt", "createdAt", "createdById", "dueAt", "hiddenChecks", "id", "instructions", "lockAtDue", "snapshot", "sourceId", "title" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_classId_createdAt_idx" ON "Assignment"("classId", "createdAt");
CREATE TABLE "new_AssignmentCopy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "notebookId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'working',
    "submittedAt" DATETIME,
    "returnedAt" DATETIME,
    "returnNote" TEXT,
    "handedInVersionId" TEXT,
    "score" REAL,
    "scoreNote" TEXT,
    "scoredById" TEXT,
    "scoredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AssignmentCopy_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentCopy_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentCopy_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentCopy_scoredById_fkey" FOREIGN KEY ("scoredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AssignmentCopy" ("assignmentId", "createdAt", "handedInVersionId", "id", "notebookId", "returnNote", "returnedAt", "status", "studentId", "submittedAt", "updatedAt") SELECT "assignmentId", "createdAt", "handedInVersionId", "id", "notebookId", "returnNote", "returnedAt", "status", "studentId", "submittedAt", "updatedAt" FROM "AssignmentCopy";
DROP TABLE "AssignmentCopy";
ALTER TABLE "new_AssignmentCopy" RENAME TO "AssignmentCopy";
CREATE UNIQUE INDEX "AssignmentCopy_notebookId_key" ON "AssignmentCopy"("notebookId");
CREATE INDEX "AssignmentCopy_studentId_idx" ON "AssignmentCopy"("studentId");
CREATE UNIQUE INDEX "AssignmentCopy_assignmentId_studentId_key" ON "AssignmentCopy"("assignmentId", "studentId");
CREATE TABLE "new_Grade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "copyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "gradedById" TEXT,
    "gradedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passed" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "points" REAL NOT NULL DEFAULT 0,
    "maxPoints" REAL NOT NULL DEFAULT 0,
    "results" JSONB NOT NULL,
    CONSTRAINT "Grade_copyId_fkey" FOREIGN KEY ("copyId") REFERENCES "AssignmentCopy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Grade_gradedById_fkey" FOREIGN KEY ("gradedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Grade" ("copyId", "gradedAt", "gradedById", "id", "passed", "results", "total", "versionId") SELECT "copyId", "gradedAt", "gradedById", "id", "passed", "results", "total", "versionId" FROM "Grade";
DROP TABLE "Grade";
ALTER TABLE "new_Grade" RENAME TO "Grade";
CREATE UNIQUE INDEX "Grade_copyId_key" ON "Grade"("copyId");
-- Grades from before points: every check was worth 1.
UPDATE "Grade" SET "points" = "passed", "maxPoints" = "total";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
