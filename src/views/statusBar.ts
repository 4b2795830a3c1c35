import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import { agoRefreshMs, formatAgo } from '../core/ago';
import { describeMinutes, describeTimeRange } from '../core/querySummary';
import { formatTime, zoneName, type TimeZone } from '../core/time';
import { isNewQueryRunning, type QueryState } from '../core/queryState';
import { hostOf } from '../core/userinfo';
import { describeSummary } from '../core/summary';
import type { SummaryFeed, SummaryStatus } from '../services/summaryFeed';
import { eventsText } from '../core/counts';
import type { TailStatus } from '../services/liveTail';
import { describeProfile, type Profile } from '../core/profiles';

/** What the status bar needs of the profiles: the active one, whether there are several, and their changes. */
export interface ProfileSource {
  readonly active: Profile;
  readonly several: boolean;
  readonly onDidChange: vscode.Event<unknown>;
  readonly onDidChangeList: vscode.Event<unknown>;
}

/**
 * The status bar item shown while the Connections view or the events panel
 * is visible: the query's range, its connections and events, how long ago it
 * ran (kept current by a timer that runs only while shown), a spinner while a
 * query runs; its tooltip names the API's host (never its userinfo) and the
 * summary's totals; a click opens the panel. Beside it, when there are several profiles, the active
 * profile's name: a click switches.
 */
export class QueryStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('connectionAnalytics.status', vscode.StatusBarAlignment.Left, 10);
  private readonly profileItem = vscode.window.createStatusBarItem('connectionAnalytics.profile', vscode.StatusBarAlignment.Left, 11);
  private readonly disposables: vscode.Disposable[] = [this.item, this.profileItem];
  private timer: NodeJS.Timeout | undefined;
  private shown = false;

  constructor(
    private readonly state: QueryState,
    private readonly summary: SummaryFeed,
    private readonly profiles: ProfileSource,
    private readonly timeZone: () => TimeZone,
    private readonly viewVisible: () => boolean,
    onDidChangeViewVisibility: vscode.Event<unknown>,
    private readonly tail: { readonly status: TailStatus; readonly onDidChange: vscode.Event<unknown> },
  ) {
    this.item.name = vscode.l10n.t('Connection Analytics');
    this.item.command = Commands.openPanel;
    this.profileItem.name = vscode.l10n.t('Connection Analytics Profile');
    this.profileItem.command = Commands.switchProfile;
    this.disposables.push(
      profiles.onDidChange(() => this.update()),
      profiles.onDidChangeList(() => this.update()),
      state.onDidChange(() => this.update()),
      summary.onDidChange(() => this.update()),
      onDidChangeViewVisibility(() => this.update()),
      tail.onDidChange(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.update()),
    );
    this.update();
  }

  /** Re-renders, e.g. after the base URL changed. */
  update(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const visible = this.viewVisible() || panelVisible();
    if (!visible) {
      if (this.shown) {
        this.item.hide();
        this.profileItem.hide();
        this.shown = false;
      }
      return;
    }
    this.updateProfile();
    const snapshot = this.state.snapshot;
    const { running, query } = snapshot;
    // While a new query runs, the range is its own and the earlier result's counts are not shown as its.
    const outcome = isNewQueryRunning(snapshot) ? undefined : snapshot.outcome;
    const now = Date.now();
    const tail = this.tail.status;
    const icon = running ? '$(sync~spin)' : tail.state === 'paused' ? '$(debug-pause)' : tail.enabled ? '$(broadcast)' : '$(pulse)';
    const range = query ? shortRange(query, this.timeZone()) : undefined;
    const parts = [tailText(tail), range];
    if (outcome) {
      parts.push(
        vscode.l10n.t('{0} conn', outcome.connections.length.toLocaleString(vscode.env.language)),
        eventsText(outcome.eventCount, outcome.eventCount.toLocaleString(vscode.env.language)),
        running ? vscode.l10n.t('refreshing…') : formatAgo(outcome.completedAt.getTime(), now),
      );
      if (!running) {
        // Only while shown: the next moment the text would change.
        this.timer = setTimeout(() => this.update(), agoRefreshMs(outcome.completedAt.getTime(), now));
      }
    } else if (running) {
      parts.push(vscode.l10n.t('querying…'));
    } else {
      // A query made current again after a reload (or cancelled) has no result yet.
      parts.push(query ? vscode.l10n.t('not run yet') : vscode.l10n.t('no query yet'));
    }
    this.item.text = `${icon} ${parts.filter(Boolean).join(' · ')}`;
    this.item.tooltip = this.tooltip();
    this.item.accessibilityInformation = { label: this.item.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    if (!this.shown) {
      this.item.show();
      this.shown = true;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  private updateProfile(): void {
    if (!this.profiles.several) {
      this.profileItem.hide();
      return;
    }
    const profile = this.profiles.active;
    this.profileItem.text = `$(account) ${profile.name}`;
    const described = vscode.l10n.t('Connection Analytics profile: {0}. Click to switch.', describeProfile(profile));
    this.profileItem.tooltip = described;
    this.profileItem.accessibilityInformation = { label: described, role: 'button' };
    this.profileItem.show();
  }

  private tooltip(): string {
    const { active } = this.profiles;
    const lines = [
      this.profiles.several
        ? vscode.l10n.t('Connection Analytics on {0}, profile {1}', hostOf(active.baseUrl), active.name)
        : vscode.l10n.t('Connection Analytics on {0}', hostOf(active.baseUrl)),
    ];
    const { query, outcome } = this.state.snapshot;
    if (query) {
      lines.push(vscode.l10n.t('Range: {0}', describeTimeRange(query, this.timeZone())));
    }
    if (outcome) {
      const ran = { ms: outcome.completedAt.getTime(), ticks: 0 };
      lines.push(vscode.l10n.t('Last run ({0}): {1}', zoneName(this.timeZone(), ran.ms), formatTime(ran, this.timeZone())));
    }
    lines.push(...tailLines(this.tail.status, this.timeZone()));
    lines.push(...summaryLines(this.summary.status));
    lines.push(vscode.l10n.t('Click to open the events panel.'));
    return lines.join('\n');
  }
}

/** `live · 12/min` while the tail runs, `tail paused` after a failure, `tail waiting` with no result to add to; nothing while it is off. */
function tailText(tail: TailStatus): string | undefined {
  if (!tail.enabled) {
    return undefined;
  }
  if (tail.state === 'paused') {
    return vscode.l10n.t('tail paused');
  }
  if (tail.state === 'waiting') {
    // On, with no result of the current query to add to (after a reload, or a failed query): not live yet.
    return vscode.l10n.t('tail waiting');
  }
  return tail.perMinute === undefined
    ? vscode.l10n.t('live')
    : vscode.l10n.t('live · {0}/min', tail.perMinute.toLocaleString(vscode.env.language));
}

/** The tail's lines for the tooltip: how often it asks and the rate, or why it is paused and when it tries again. */
function tailLines(tail: TailStatus, zone: TimeZone): string[] {
  if (!tail.enabled) {
    return [];
  }
  if (tail.state === 'paused' && tail.resumeAt !== undefined) {
    const at = formatTime({ ms: tail.resumeAt, ticks: 0 }, zone);
    return [vscode.l10n.t('Live tail paused: {0} It tries again at {1}.', tail.error ?? '', at)];
  }
  if (tail.state === 'waiting') {
    return [vscode.l10n.t('Live tail: on; it adds new events once the current query has a result.')];
  }
  const rate = tail.perMinute === undefined ? '' : ` · ${vscode.l10n.t('{0} events/min', tail.perMinute)}`;
  return [vscode.l10n.t('Live tail: new events every {0} s', tail.intervalSeconds) + rate];
}

/** `1 h`, `24 h`, `7 days`, or the range in words when it is not a number of minutes. */
function shortRange(query: NonNullable<QueryState['snapshot']['query']>, zone: TimeZone): string {
  return query.minutes !== undefined ? describeMinutes(query.minutes) : describeTimeRange(query, zone);
}

/** The events panel is the active tab of some editor group, so it can be seen. */
function panelVisible(): boolean {
  return vscode.window.tabGroups.all.some((group) => {
    const input = group.activeTab?.input;
    return input instanceof vscode.TabInputWebview && input.viewType.endsWith(Views.eventsPanel);
  });
}

/** The summary's lines for a tooltip: its totals, or that it is loading or failed. */
function summaryLines(status: SummaryStatus): string[] {
  switch (status.state) {
    case 'none':
      return [];
    case 'loading':
      return [vscode.l10n.t('Summary: loading…')];
    case 'failed':
      return [vscode.l10n.t('Summary unavailable: {0}', status.message)];
    case 'ok': {
      const text = describeSummary(status.totals);
      return [vscode.l10n.t('Summary: {0}', text.headline), ...text.groups.map((g) => `${g.label}: ${g.entries.join(' · ')}`)];
    }
  }
}
