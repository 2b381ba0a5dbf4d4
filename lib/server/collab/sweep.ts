/**
 * A periodic visit of every open connection, spread over the period: members are dealt into
 * `slices` groups as they join, and each tick (every period / slices) visits one group. Pinging
 * 6,000 sockets in one turn of the event loop wrote 6,000 frames back to back and held every
 * keystroke on the instance for 86 ms (bench:cluster's sockets phase); in slices it is 200 writes
 * a tick. A member is visited once per period, the first time within one period of joining.
 */
export class Sweep<T> {
  private readonly groups: Set<T>[];
  private readonly groupOf = new Map<T, Set<T>>();
  private next = 0;
  private dealt = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(period: number, slices: number, private readonly visit: (member: T) => void) {
    this.groups = Array.from({ length: Math.max(1, slices) }, () => new Set<T>());
    this.timer = setInterval(() => this.tick(), period / this.groups.length);
    this.timer.unref();
  }

  add(member: T): void {
    if (this.groupOf.has(member)) return;
    const group = this.groups[this.dealt++ % this.groups.length]!;
    group.add(member);
    this.groupOf.set(member, group);
  }

  delete(member: T): void {
    this.groupOf.get(member)?.delete(member);
    this.groupOf.delete(member);
  }

  get size(): number {
    return this.groupOf.size;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const group = this.groups[this.next]!;
    this.next = (this.next + 1) % this.groups.length;
    // A visit may delete members (a dead socket is closed); iterate over a copy.
    for (const member of [...group]) this.visit(member);
  }
}
