import * as vscode from 'vscode';
import { notificationText } from '../core/notificationText';
import { DEFAULT_PROFILE_NAME, PROFILES_SETTING_ID, profileNamed, sameProfile, type Profile, type ProfileList } from '../core/profiles';
import type { Log } from '../log';

/** Where the profile chosen last is remembered: per workspace, and for windows that have not chosen one yet. */
const ACTIVE_PROFILE_MEMENTO = 'connectionAnalytics.activeProfile';

/**
 * The profiles and which one this window shows. Each window shows one profile: switching in one does
 * not change another's, and a window that opens starts with its workspace's last one, else the one chosen
 * last anywhere. `onDidChange` fires, synchronously, whenever the active profile becomes another one, by
 * a switch or because the settings changed its URL or removed it: whatever was fetched or is in flight
 * for the old one then belongs to another organization.
 */
export class Profiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Profile>();
  /** The active profile is another one (or the same name at another URL). */
  readonly onDidChange = this.changed.event;
  private readonly listChanged = new vscode.EventEmitter<void>();
  /** The list of profiles changed (whether or not the active one did). */
  readonly onDidChangeList = this.listChanged.event;
  private readonly subscription: vscode.Disposable;
  private current: Profile;
  /** The list as last seen (names and URLs), to tell a change of it from a change of another setting. */
  private listSeen: string;
  private reported = '';

  constructor(
    private readonly list: () => ProfileList,
    onDidChangeSettings: vscode.Event<void>,
    private readonly workspaceState: vscode.Memento,
    private readonly globalState: vscode.Memento,
    private readonly log: Log,
  ) {
    const remembered = workspaceState.get<unknown>(ACTIVE_PROFILE_MEMENTO) ?? globalState.get<unknown>(ACTIVE_PROFILE_MEMENTO);
    const initial = list();
    this.current = profileNamed(initial, typeof remembered === 'string' ? remembered : undefined);
    this.listSeen = listKey(initial);
    this.subscription = onDidChangeSettings(() => this.settingsChanged());
  }

  get active(): Profile {
    return this.current;
  }

  get all(): readonly Profile[] {
    return this.list().profiles;
  }

  /** More than the default profile: the views then say which one they show. */
  get several(): boolean {
    return this.all.length > 1;
  }

  /**
   * Resolves true once a profile named `name` is listed (a setting just written reaches this window's
   * configuration a moment later), false if it is not within `timeoutMs`.
   */
  async listed(name: string, timeoutMs = 5_000): Promise<boolean> {
    const has = () => this.all.some((p) => p.name === name);
    if (has()) {
      return true;
    }
    return new Promise<boolean>((resolve) => {
      const done = (found: boolean) => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(found);
      };
      const timer = setTimeout(() => done(has()), timeoutMs);
      const subscription = this.onDidChangeList(() => has() && done(true));
    });
  }

  /**
   * Makes `name` the active profile and remembers it. False when no profile has that name. Switching to
   * the active profile changes nothing.
   */
  async switchTo(name: string): Promise<boolean> {
    const next = this.all.find((p) => p.name === name);
    if (!next) {
      return false;
    }
    if (!sameProfile(next, this.current)) {
      this.current = next;
      this.log.info(`Profile: ${next.name}`);
      this.changed.fire(next);
    }
    await Promise.all([
      this.workspaceState.update(ACTIVE_PROFILE_MEMENTO, next.name),
      this.globalState.update(ACTIVE_PROFILE_MEMENTO, next.name),
    ]);
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.listChanged.dispose();
  }

  private settingsChanged(): void {
    const list = this.list();
    const next = profileNamed(list, this.current.name);
    const key = listKey(list);
    if (key !== this.listSeen) {
      this.listSeen = key;
      this.listChanged.fire();
    }
    this.reportProblems();
    if (!sameProfile(next, this.current)) {
      const removed = next.name !== this.current.name;
      this.log.info(
        removed
          ? `Profile ${this.current.name} is no longer in connectionAnalytics.profiles; showing ${DEFAULT_PROFILE_NAME}.`
          : `Profile ${next.name} now points at another URL.`,
      );
      this.current = next;
      this.changed.fire(next);
    }
  }

  /** Says once (per distinct set of problems) which entries of the setting are not used, and why; again after each change. */
  reportProblems(): void {
    const { problems } = this.list();
    const text = problems.join('\n');
    if (text === this.reported) {
      return;
    }
    this.reported = text;
    if (problems.length === 0) {
      return;
    }
    for (const problem of problems) {
      this.log.warn(`Profile not used: ${problem}`);
    }
    const open = vscode.l10n.t('Open Settings');
    void vscode.window
      .showWarningMessage(
        notificationText(
          problems.length === 1
            ? vscode.l10n.t('A profile is not used: {0}', problems[0]!)
            : vscode.l10n.t('{0} profiles are not used. {1}', problems.length, problems.join(' ')),
        ),
        open,
      )
      .then((picked) =>
        picked === open ? vscode.commands.executeCommand('workbench.action.openSettings', PROFILES_SETTING_ID) : undefined,
      );
  }
}

/** The profiles' names and URLs, in order, as one string: equal for lists that name the same profiles. */
function listKey(list: ProfileList): string {
  return JSON.stringify(list.profiles.map((p) => [p.name, p.baseUrl]));
}
