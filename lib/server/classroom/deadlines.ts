/**
 * The lock at the due date, on time (ADR 0006). The rule itself is in roleOf (notebooks/access.ts):
 * every page, route and new connection asks it, so they see the lock the moment it applies. What
 * the rule cannot reach is a connection already open, which keeps the rights it opened with until
 * it is checked again (collab/endpoint.ts: reauthorize). This scheduler does that check at the
 * instant: one timer per process, set for the next due instant of any assignment that locks
 * (an extension's, or the assignment's own), which then re-checks the open connections of the
 * copies whose due date has come (accessChanged). Their pages reload read-only within a second.
 *
 * What changes an instant now (an edited assignment, an extension set or cleared, a return) is
 * re-checked by its own route at once; the route then asks for a new plan (deadlinesChanged), since
 * the next instant may have moved. The timer is planned at most a day ahead (setTimeout stops at
 * 24.8 days), and planned again when it fires. Each firing covers the instants since the last, so
 * an instant is never skipped, whatever re-planning happened in between.
 *
 * server.ts starts it (startDeadlines) and registers it in the server context, through which the
 * routes (Next's bundle, another copy of this module) reach it; without one (scripts, tests)
 * deadlinesChanged does nothing.
 */
import type { Db } from "../db/client";
import { serverContext } from "../context";
import { effectiveDue, lockedAtDue } from "../../classroom/due";

/** The longest the timer waits before planning again. */
export const MAX_PLAN_MS = 24 * 60 * 60 * 1000;

/** The next instant after `after` at which a copy may lock: the earliest due date, or extension, of an assignment that locks. */
export async function nextLockInstant(db: Db, after: Date): Promise<Date | null> {
  const [assignment, extension] = await Promise.all([
    db.assignment.findFirst({ where: { lockAtDue: true, dueAt: { gt: after } }, orderBy: { dueAt: "asc" }, select: { dueAt: true } }),
    db.assignmentExtension.findFirst({ where: { dueAt: { gt: after }, assignment: { lockAtDue: true } }, orderBy: { dueAt: "asc" }, select: { dueAt: true } }),
  ]);
  const times = [assignment?.dueAt, extension?.dueAt].filter((d): d is Date => d instanceof Date);
  return times.length === 0 ? null : new Date(Math.min(...times.map((d) => d.getTime())));
}

/**
 * The copies (their notebook ids) whose own due date came in (from, to] and that lock then: of an
 * assignment that locks, not returned. Those due at the assignment's date but extended are not.
 */
export async function copiesLockingBetween(db: Db, from: Date, to: Date): Promise<string[]> {
  const window = { gt: from, lte: to };
  const [byAssignment, byExtension] = await Promise.all([
    db.assignmentCopy.findMany({
      where: { status: { not: "returned" }, assignment: { lockAtDue: true, dueAt: window } },
      select: { notebookId: true, status: true, studentId: true, assignment: { select: { dueAt: true, lockAtDue: true, extensions: { select: { studentId: true, dueAt: true } } } } },
    }),
    db.assignmentExtension.findMany({ where: { dueAt: window, assignment: { lockAtDue: true } }, select: { assignmentId: true, studentId: true } }),
  ]);
  const extendedCopies =
    byExtension.length === 0
      ? []
      : await db.assignmentCopy.findMany({
          where: { status: { not: "returned" }, OR: byExtension.map((e) => ({ assignmentId: e.assignmentId, studentId: e.studentId })) },
          select: { notebookId: true },
        });
  const ids = new Set(extendedCopies.map((c) => c.notebookId));
  for (const copy of byAssignment) {
    const dueAt = effectiveDue(copy.assignment.dueAt, copy.assignment.extensions.find((e) => e.studentId === copy.studentId)?.dueAt);
    if (lockedAtDue({ lockAtDue: copy.assignment.lockAtDue, dueAt, status: copy.status }, to)) ids.add(copy.notebookId);
  }
  return [...ids];
}

/** How long to wait for `next` from `now`: at most MAX_PLAN_MS, never negative; null for no instant. */
export function planDelay(next: Date | null, now: Date): number | null {
  if (next === null) return null;
  return Math.min(Math.max(0, next.getTime() - now.getTime()), MAX_PLAN_MS);
}

export interface DeadlineScheduler {
  /** Plans the timer again (an assignment, extension or return changed). */
  replan(): void;
  /** The instant the timer is set for, or null: for tests and logs. */
  readonly plannedFor: Date | null;
  /** Settles once every plan and firing asked for so far is done (tests). */
  idle(): Promise<void>;
  /** Clears the timer; safe to call twice. */
  stop(): void;
}

export interface DeadlineOptions {
  db: () => Db;
  /** Re-checks the open connections of these copies (accessChanged). */
  lock: (notebookIds: readonly string[]) => Promise<void>;
  now?: () => Date;
  log?: (message: string, error: unknown) => void;
}

/** Starts the scheduler: it plans at once. */
export function startDeadlines(options: DeadlineOptions): DeadlineScheduler {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message, error) => console.error(message, error));
  /** The instants up to here have been handled: the next firing covers (checkedUpTo, now]. */
  let checkedUpTo = now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let plannedFor: Date | null = null;
  let stopped = false;
  // Plans and firings run one at a time, in order, so a plan never races a firing.
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>, what: string) => {
    chain = chain.then(step).catch((error: unknown) => log(`The due-date timer could not ${what}:`, error));
  };

  const plan = async () => {
    if (stopped) return;
    const at = now();
    const next = await nextLockInstant(options.db(), at);
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const delay = planDelay(next, at);
    plannedFor = delay === null ? null : new Date(at.getTime() + delay);
    if (delay === null) return;
    timer = setTimeout(() => {
      timer = null;
      enqueue(fire, "lock the copies due now");
      enqueue(plan, "plan");
    }, delay);
    timer.unref?.();
  };

  const fire = async () => {
    if (stopped) return;
    const to = now();
    const copies = await copiesLockingBetween(options.db(), checkedUpTo, to);
    checkedUpTo = to;
    if (copies.length > 0) await options.lock(copies);
  };

  enqueue(plan, "plan");
  return {
    replan: () => enqueue(plan, "plan"),
    get plannedFor() {
      return plannedFor;
    },
    idle: () => chain,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      plannedFor = null;
    },
  };
}

/** Routes: an assignment's lock or due date, an extension or a return changed: plan again. */
export function deadlinesChanged(): void {
  serverContext().deadlines?.replan();
}
