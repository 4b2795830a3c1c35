import * as vscode from 'vscode';
import { retryAfterSecondsOf } from '../api/errors';
import { Commands } from '../constants';
import { FailureCoalescer } from '../core/coalescer';
import { EventRate } from '../core/eventRate';
import { MAX_TAIL_REQUESTS, tailPauseMs } from '../core/liveTail';
import { isQueryOf, type QueryState, type TailResult } from '../core/queryState';
import type { Log } from '../log';
import type { ErrorPresenter } from './errorPresenter';
import { failureKey } from './queryRunner';

/**
 * - `off`: the tail is off.
 * - `live`: a round every interval.
 * - `paused`: the last round failed; the next tries at `resumeAt` (the interval, or the server's `Retry-After`).
 * - `hidden`: neither the Connections view nor the events panel is visible; it catches up when one is.
 * - `waiting`: there is no result of the current query to add to (none yet, or the last query failed).
 */
export type TailState = 'off' | 'live' | 'paused' | 'hidden' | 'waiting';

/** What the status bar shows and Toggle Live Tail answers with. */
export interface TailStatus {
  readonly enabled: boolean;
  readonly state: TailState;
  readonly intervalSeconds: number;
  /** New events per minute over the last rounds; undefined until two rounds have ended. */
  readonly perMinute: number | undefined;
  /** Why it is paused. */
  readonly error: string | undefined;
  /** When a paused tail tries again (epoch ms). */
  readonly resumeAt: number | undefined;
  /** Rounds that succeeded since the tail was turned on. */
  readonly rounds: number;
}

/** Where the on/off state is kept (the extension's global state): it outlives a reload, as a setting would. */
const ENABLED_KEY = 'connectionAnalytics.liveTail.enabled';

/**
 * The live tail: while on and while the Connections view or the events panel is visible, one
 * round every `liveTail.intervalSeconds` (never two at once; never while a query runs). A failed
 * round pauses it with one notification (a repeat of the same failure is only logged) and waits
 * the interval, or the server's `Retry-After` when longer, before it tries again by itself.
 */
export class LiveTail implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TailStatus>();
  readonly onDidChange = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  private enabled: boolean;
  private paused: { readonly error: Error; readonly resumeAt: number } | undefined;
  private hidden = false;
  private inRound = false;
  private rounds = 0;
  private warnedIncomplete = false;
  private readonly rate = new EventRate();
  private readonly coalescer = new FailureCoalescer();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly memento: vscode.Memento,
    private readonly state: QueryState,
    private readonly round: () => Promise<TailResult>,
    private readonly errors: ErrorPresenter,
    private readonly log: Log,
    private readonly intervalSeconds: () => number,
    private readonly isVisible: () => boolean,
  ) {
    this.enabled = memento.get<boolean>(ENABLED_KEY) === true;
    // A new result (or none) changes whether there is something to add to.
    this.subscription = state.onDidChange(() => this.fire());
    this.schedule();
  }

  get status(): TailStatus {
    const snapshot = this.state.snapshot;
    const state: TailState = !this.enabled
      ? 'off'
      : this.paused
        ? 'paused'
        : this.hidden
          ? 'hidden'
          : isQueryOf(snapshot.query, snapshot.outcome)
            ? 'live'
            : 'waiting';
    return {
      enabled: this.enabled,
      state,
      intervalSeconds: this.intervalSeconds(),
      perMinute: this.rate.perMinute(),
      error: this.paused?.error.message,
      resumeAt: this.paused?.resumeAt,
      rounds: this.rounds,
    };
  }

  /** Turns the tail on (it asks at once) or off. Turning on a paused tail tries again now. */
  async setEnabled(enabled: boolean): Promise<TailStatus> {
    const resume = enabled && this.enabled && this.paused !== undefined;
    if (enabled !== this.enabled || resume) {
      this.enabled = enabled;
      this.paused = undefined;
      this.warnedIncomplete = false;
      this.rounds = 0;
      this.rate.reset();
      this.coalescer.reset();
      await this.memento.update(ENABLED_KEY, enabled);
      this.log.info(`Live tail ${enabled ? (resume ? 'resumed by the user' : 'on') : 'off'}.`);
      if (enabled) {
        void this.tick();
      } else {
        this.schedule();
      }
      this.fire();
    }
    return this.status;
  }

  /** Call when the view or the panel is shown or hidden: hidden, the tail waits; shown again, it catches up at once. */
  visibilityChanged(): void {
    if (!this.enabled) {
      return;
    }
    if (this.isVisible()) {
      if (this.hidden) {
        this.hidden = false;
        // The time nothing was asked is not a time without events.
        this.rate.reset();
        void this.tick();
      }
    } else if (!this.hidden) {
      this.hidden = true;
      this.fire();
    }
  }

  /** Applies a new interval. */
  restart(): void {
    if (!this.inRound) {
      this.schedule();
    }
    this.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }

  private schedule(delayMs = this.intervalSeconds() * 1000): void {
    clearTimeout(this.timer);
    this.timer = this.enabled ? setTimeout(() => void this.tick(), Math.max(0, delayMs)) : undefined;
  }

  private async tick(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.enabled || this.inRound) {
      return;
    }
    if (!this.isVisible()) {
      // No timer: visibilityChanged starts again, with one request from the newest event.
      this.hidden = true;
      this.fire();
      return;
    }
    this.hidden = false;
    const now = Date.now();
    if (this.paused && now < this.paused.resumeAt) {
      this.schedule(this.paused.resumeAt - now);
      return;
    }
    this.inRound = true;
    let result: TailResult;
    try {
      result = await this.round();
    } finally {
      this.inRound = false;
    }
    if (!this.enabled) {
      return;
    }
    this.handle(result);
    this.schedule(this.paused ? this.paused.resumeAt - Date.now() : undefined);
    this.fire();
  }

  private handle(result: TailResult): void {
    switch (result.status) {
      case 'ok': {
        this.rounds++;
        this.rate.record(Date.now(), result.outcome.appended?.events.length ?? 0);
        if (this.paused) {
          this.log.info('Live tail resumed: the server answers again.');
          this.paused = undefined;
        }
        this.coalescer.reset();
        if (!result.round.complete && !this.warnedIncomplete) {
          this.warnedIncomplete = true;
          const message = vscode.l10n.t(
            'More new events arrived than {0} requests of {1} could fetch: the live tail may be missing some between the last round and the newest ones. Refresh runs the query again.',
            MAX_TAIL_REQUESTS,
            result.outcome.limit,
          );
          this.log.warn(message);
          void vscode.window.showWarningMessage(message);
        }
        return;
      }
      case 'failed': {
        const waitMs = tailPauseMs(this.intervalSeconds(), retryAfterSecondsOf(result.error));
        this.paused = { error: result.error, resumeAt: Date.now() + waitMs };
        this.rate.reset();
        if (this.coalescer.shouldNotify(failureKey(result.error), true)) {
          this.errors.show(vscode.l10n.t('Live tail paused'), result.error, {
            retry: { command: Commands.toggleLiveTail, args: [{ enabled: true }] },
          });
        } else {
          this.log.warn(`Live tail failed again the same way (not notified): ${result.error.message}`);
        }
        this.log.info(`Live tail paused; tries again in ${Math.round(waitMs / 1000)} s.`);
        return;
      }
      case 'busy':
      case 'cancelled':
        // A query runs, or there is no result of the current query: the next round tries again.
        return;
    }
  }

  private fire(): void {
    this.changed.fire(this.status);
  }
}
