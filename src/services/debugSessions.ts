import * as vscode from 'vscode';
import { isDebugSessionTimes, type DebugSessionTimes } from '../core/debugWindow';

const LAST_SESSION_KEY = 'connectionAnalytics.lastDebugSession';

/**
 * When the user's debug sessions started and ended, for "Events During Last Debug Session". Only
 * top-level sessions count: a child (a worker, a subprocess) is part of its parent's run. The last
 * ended session is kept in the workspace's state, so it survives a reload of the window.
 */
export class DebugSessions implements vscode.Disposable {
  private readonly running = new Map<string, DebugSessionTimes>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly memento: vscode.Memento) {
    // A session started before the extension was: its start is when it was first seen, the closest known.
    const active = vscode.debug.activeDebugSession;
    if (active && active.parentSession === undefined) {
      this.running.set(active.id, { name: active.name, startMs: Date.now() });
    }
    this.subscriptions = [
      vscode.debug.onDidStartDebugSession((session) => {
        if (session.parentSession === undefined) {
          this.running.set(session.id, { name: session.name, startMs: Date.now() });
        }
      }),
      vscode.debug.onDidTerminateDebugSession((session) => {
        const started = this.running.get(session.id);
        if (started) {
          this.running.delete(session.id);
          void this.memento.update(LAST_SESSION_KEY, { ...started, endMs: Date.now() });
        }
      }),
    ];
  }

  /** The most recently started session still running, if any. */
  get current(): DebugSessionTimes | undefined {
    let latest: DebugSessionTimes | undefined;
    for (const session of this.running.values()) {
      if (!latest || session.startMs >= latest.startMs) {
        latest = session;
      }
    }
    return latest;
  }

  /** The last session that ended, in this workspace. */
  get last(): DebugSessionTimes | undefined {
    const stored = this.memento.get<unknown>(LAST_SESSION_KEY);
    return isDebugSessionTimes(stored) ? stored : undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
