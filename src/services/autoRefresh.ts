import type * as vscode from 'vscode';
import type { QueryState } from '../core/queryState';
import type { QueryRunner } from './queryRunner';

/** Auto-refresh never runs more often than this, whatever the setting says. */
export const MIN_AUTO_REFRESH_SECONDS = 5;

/**
 * Re-runs the current query every `connectionAnalytics.autoRefreshSeconds`
 * while someone can see the result (the Connections view or the events
 * panel), never while a query is running. Its failures are background ones:
 * the runner reports a repeated failure once.
 */
export class AutoRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runner: QueryRunner,
    private readonly state: QueryState,
    private readonly seconds: () => number,
    private readonly isVisible: () => boolean,
  ) {
    this.restart();
  }

  /** Applies the current setting. */
  restart(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const seconds = this.seconds();
    if (seconds > 0) {
      this.timer = setInterval(() => this.tick(), Math.max(MIN_AUTO_REFRESH_SECONDS, seconds) * 1000);
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const { query, running } = this.state.snapshot;
    if (query && !running && this.isVisible()) {
      void this.runner.refresh({ background: true });
    }
  }
}
