/**
 * A class set up through the API, for end-to-end tests whose subject is what happens after: a
 * teacher with a class, students in it, an assignment and each student's copy. The classroom's own
 * pages (creating, joining, assigning by hand) have their test in classroom.spec.ts.
 */
import { expect, type BrowserContext } from "@playwright/test";
import { PASSWORD } from "./accounts";
import { E2E_URL } from "./env";

const HEADERS = { origin: E2E_URL };

/** Signs `name` up in this context (its cookies sign the context in); a unique email. */
export async function signUpByApi(context: BrowserContext, name: string): Promise<void> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const response = await context.request.post(`${E2E_URL}/api/auth/sign-up/email`, { headers: HEADERS, data: { name, email, password: PASSWORD } });
  expect(response.ok(), await response.text()).toBe(true);
}

async function post<T>(context: BrowserContext, path: string, data: unknown): Promise<T> {
  const response = await context.request.post(`${E2E_URL}${path}`, { headers: HEADERS, data });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? null : await response.json()) as T;
}

/** The teacher (signed in to `teacher`) makes a class and assigns `notebook` (a lesson's or their own notebook's slug). */
export async function classWithAssignment(teacher: BrowserContext, notebook: string, title: string): Promise<{ classId: string; assignmentId: string }> {
  const { id: classId } = await post<{ id: string }>(teacher, "/api/classes", { name: `Class for ${title}` });
  const { id: assignmentId } = await post<{ id: string }>(teacher, `/api/classes/${classId}/assignments`, { notebook, title, instructions: "" });
  return { classId, assignmentId };
}

/** The student (signed in to `student`) joins the class by its code and opens the assignment: their copy's slug. */
export async function joinAndOpen(teacher: BrowserContext, student: BrowserContext, classId: string, assignmentId: string): Promise<string> {
  const page = await teacher.newPage();
  await page.goto(`${E2E_URL}/classes/${classId}`);
  const code = (await page.locator(".join-code-value").textContent())!;
  await page.close();
  await post(student, "/api/classes/join", { code });
  return (await post<{ slug: string }>(student, `/api/assignments/${assignmentId}/open`, {})).slug;
}
