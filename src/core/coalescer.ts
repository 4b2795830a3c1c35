/**
 * Decides whether a failure deserves a notification. A person's own action
 * always gets an answer; a background refresh that keeps failing the same way
 * is reported once, then only logged, until something changes: another kind
 * of failure, a success, or a person's action.
 */
export class FailureCoalescer {
  private streak: string | undefined;

  /** `key` identifies the kind of failure, e.g. `ServerError:503`. */
  shouldNotify(key: string, background: boolean): boolean {
    if (background && this.streak === key) {
      return false;
    }
    this.streak = key;
    return true;
  }

  /** A success ends the streak. */
  reset(): void {
    this.streak = undefined;
  }
}
