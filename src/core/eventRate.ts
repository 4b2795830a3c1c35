/**
 * The live tail's event rate: new events per minute over its last rounds. A round says when it
 * ended and how many events it added; the rate is what arrived after the oldest round kept,
 * over the time since it. Undefined until two rounds have ended.
 */
export class EventRate {
  private readonly rounds: { readonly atMs: number; readonly added: number }[] = [];

  /** `rounds`: how many of the last rounds the rate is taken over. */
  constructor(private readonly keep = 6) {}

  record(atMs: number, added: number): void {
    this.rounds.push({ atMs, added });
    if (this.rounds.length > this.keep) {
      this.rounds.shift();
    }
  }

  /** Starts over: after a pause, the time without rounds is not a time without events. */
  reset(): void {
    this.rounds.length = 0;
  }

  /** Events per minute, rounded; undefined before two rounds. */
  perMinute(): number | undefined {
    const first = this.rounds[0];
    const last = this.rounds[this.rounds.length - 1];
    if (!first || !last || last.atMs <= first.atMs) {
      return undefined;
    }
    const added = this.rounds.slice(1).reduce((sum, r) => sum + r.added, 0);
    return Math.round((added * 60_000) / (last.atMs - first.atMs));
  }
}
