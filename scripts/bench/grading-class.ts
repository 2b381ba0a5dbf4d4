/**
 * The class that bench:classroom's grading part grades, made only through the running app's own
 * HTTP routes and collaboration socket, as people would: a teacher and their students sign up, the
 * teacher imports a notebook with one visible and one hidden check, makes a class and assigns it;
 * each student joins, opens their copy, writes an answer in it (over the collaboration socket,
 * as their editor would) and hands it in.
 *
 * The answers differ so that the checks pass and fail: student i writes ANSWERS[i % 3], and
 * `expected` says what the grade of each must be.
 */
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { setSource, snapshotNotebook, userOrigin } from "../../lib/notebook";
import { originSocket } from "./support";

export const VISIBLE_CHECK = "assert cube(2) == 8, 'cube(2) should be 8'";
export const HIDDEN_CHECK = "assert cube(3) == 27 and cube(-1) == -1, 'cube is off'";
const STARTER = "def cube(x):\n    pass";

/** The three answers, and how many of the two checks each passes. */
export const ANSWERS = [
  { source: "def cube(x):\n    return x ** 3", passed: 2 },
  { source: "def cube(x):\n    return 8 if x == 2 else 0  # fits the visible check only", passed: 1 },
  { source: "def cube(x):\n    return x * x", passed: 0 },
] as const;

export interface Person {
  readonly name: string;
  /** The session's Cookie header. */
  readonly cookie: string;
}

export interface GradingClass {
  readonly teacher: Person;
  readonly classId: string;
  /** Assignment title -> id; each student handed in `title`'s copy with the answer `expected` grades. */
  readonly assignments: Readonly<Record<string, string>>;
  /** Per assignment id: student name -> checks passed (of 2). */
  readonly expected: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

async function call<T>(base: string, path: string, cookie: string | null, body: unknown, headers: Record<string, string> = {}): Promise<{ value: T; response: Response }> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return { value: (text ? JSON.parse(text) : null) as T, response };
}

async function signUp(base: string, name: string): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.com`;
  const { response } = await call(base, "/api/auth/sign-up/email", null, { name, email, password: "a long enough password" });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  return { name, cookie };
}

function lessonIpynb(): string {
  const code = (id: string, source: string, check?: { hidden: boolean }) => ({
    id,
    cell_type: "code",
    source,
    metadata: check ? { tandem: { check } } : {},
    outputs: [],
    execution_count: null,
  });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "python3", display_name: "Python 3", language: "python" } },
    cells: [
      { id: "intro", cell_type: "markdown", source: "Write `cube(x)`, which returns x to the third power.", metadata: {} },
      code("answer", STARTER),
      code("visible-check", VISIBLE_CHECK, { hidden: false }),
      code("hidden-check", HIDDEN_CHECK, { hidden: true }),
    ],
  });
}

/** Writes `answer` into the student's copy through the collaboration socket, as their editor would. */
async function writeAnswer(base: string, student: Person, notebookId: string, answer: string): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/collab`, notebookId, doc, {
    WebSocketPolyfill: originSocket(base, student.cookie),
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const cell = snapshotNotebook(doc).cells.find((c) => c.source === STARTER);
  if (!cell) throw new Error(`${student.name}'s copy has no starter cell`);
  setSource(doc, cell.id, answer, userOrigin(student.name));
  // Past the server's flush interval, so the hand-in's version holds it.
  await new Promise((r) => setTimeout(r, 1500));
  provider.destroy();
  doc.destroy();
}

/**
 * Makes the class: `students` students hand in `titles[0]`; the first of them also hands in each
 * further title alone (the baseline: one hand-in to grade). `notebookIdOf` maps a copy's slug to
 * its notebook id (the collaboration room's name), which no route gives a student by slug.
 */
export async function makeGradingClass(
  base: string,
  students: number,
  titles: readonly string[],
  notebookIdOf: (slug: string) => Promise<string>,
): Promise<GradingClass> {
  // y-websocket adds an exit listener per provider in Node; the students' editors are many at once.
  process.setMaxListeners(students + 10);
  const teacher = await signUp(base, "Teacher");
  const imported = await call<{ slug: string }>(base, `/api/notebooks/import?name=cubes.ipynb`, teacher.cookie, lessonIpynb(), {
    "Content-Type": "application/x-ipynb+json",
  });
  const { value: klass } = await call<{ id: string }>(base, "/api/classes", teacher.cookie, { name: "Python 101" });
  const { value: code } = await call<{ joinCode: string }>(base, `/api/classes/${klass.id}/code`, teacher.cookie, {});
  const assignments: Record<string, string> = {};
  for (const title of titles) {
    const { value } = await call<{ id: string }>(base, `/api/classes/${klass.id}/assignments`, teacher.cookie, { notebook: imported.value.slug, title });
    assignments[title] = value.id;
  }
  const people: Person[] = [];
  for (let i = 0; i < students; i++) people.push(await signUp(base, `Student ${String(i + 1).padStart(2, "0")}`));

  const expected: Record<string, Record<string, number>> = Object.fromEntries(Object.values(assignments).map((id) => [id, {}]));
  const handIn = async (student: Person, assignmentId: string, answer: (typeof ANSWERS)[number]) => {
    const { value: copy } = await call<{ slug: string }>(base, `/api/assignments/${assignmentId}/open`, student.cookie, {});
    await writeAnswer(base, student, await notebookIdOf(copy.slug), answer.source);
    await call(base, `/api/assignments/${assignmentId}/submit`, student.cookie, {});
    expected[assignmentId]![student.name] = answer.passed;
  };
  await Promise.all(
    people.map(async (student, i) => {
      await call(base, "/api/classes/join", student.cookie, { code: code.joinCode });
      await handIn(student, assignments[titles[0]!]!, ANSWERS[i % ANSWERS.length]!);
    }),
  );
  for (const title of titles.slice(1)) await handIn(people[0]!, assignments[title]!, ANSWERS[0]);
  return { teacher, classId: klass.id, assignments, expected };
}
