import * as z from 'zod/mini';
import { lazy } from '../core/lazy';
import type { FieldDifference } from '../core/compare';
import type { FieldError, QueryInput } from '../core/query';
import type { QueryChoice } from '../core/queryChoices';
import type { RowColumns } from '../core/rowColumns';
import type { SummaryTotals } from '../core/summary';
import type { TimeZone } from '../core/time';
import type { Timeline } from '../core/timeline';

/**
 * The one message protocol between the extension host and the events panel.
 * Both sides import these types; the host validates every message that
 * arrives from the webview with the zod schema below and ignores the rest.
 * The webview imports types only, so zod stays out of its bundle.
 */

// ---- host → webview ----

export interface ErrorInfo {
  readonly message: string;
  /** The recovery actions to offer, most useful first; each is described in {@link StatusMessage.actions}. */
  readonly actions: readonly HostAction[];
}

/** How the host says a button looks: its title (localised) and codicon. The webview holds no copy. */
export interface ActionButton {
  readonly action: HostAction;
  readonly title: string;
  readonly icon: string;
}

/**
 * A new result: its facts and its first rows (newest first, more than a screenful). The rest
 * follow in {@link RowsMessage}s, so that no message is large and the table paints at once.
 */
export interface ResultsMessage {
  readonly type: 'results';
  /** Names this result; its chunks carry it, and a chunk of any other result is dropped. */
  readonly resultId: number;
  /** How many rows the result has, in this message and the chunks after it. */
  readonly total: number;
  readonly rows: RowColumns;
  readonly summary: string;
  readonly connections: number;
  readonly limit: number;
  readonly limitReached: boolean;
  readonly pages: number;
  readonly invalidCount: number;
  readonly completedAt: string;
}

/** More rows of a result, in order: `offset` is how many rows came before them. */
export interface RowsMessage {
  readonly type: 'rows';
  readonly resultId: number;
  readonly offset: number;
  readonly rows: RowColumns;
}

/**
 * Rows the live tail added to the result shown (`resultId`, all of whose rows have arrived): the
 * table adds them where its sort puts them, keeping its scroll, selection and filters. The facts
 * that changed with them come along.
 */
export interface AppendMessage {
  readonly type: 'append';
  readonly resultId: number;
  /** How many rows the result has with these added. */
  readonly total: number;
  readonly rows: RowColumns;
  readonly connections: number;
  readonly invalidCount: number;
  readonly completedAt: string;
}

export interface StatusMessage {
  readonly type: 'status';
  /** The current query as the form shows it; undefined before the first one. */
  readonly query: QueryInput | undefined;
  readonly running: boolean;
  readonly error: ErrorInfo | undefined;
  readonly hasResults: boolean;
  /** Why the results shown are empty, and whether Use Suggested Query has a corrected query to run. */
  readonly explanation: { readonly message: string; readonly correctable: boolean } | undefined;
  /** Load Older applies to the results shown (they are the current query's, and their last page was full). */
  readonly canLoadOlder: boolean;
  readonly defaultLimit: number;
  readonly hasApiKey: boolean;
  /** Every action a button may ask for, as the host titles it: the panel's one vocabulary of buttons. */
  readonly actions: readonly ActionButton[];
  /** The zone every time is shown and typed in (the `timeZone` setting). */
  readonly timeZone: TimeZone;
}

export interface DetailsMessage {
  readonly type: 'details';
  readonly eventId: string;
  /**
   * The event as received, unknown fields included, with containers nested
   * deeper than core/jsonText's DISPLAY_DEPTH cut off (a message is cloned
   * recursively). Copies are made by the host from the whole event: `copyEvent`.
   */
  readonly event: Readonly<Record<string, unknown>>;
  /** Some of the event was nested too deep to send and is shown as the depth marker. */
  readonly truncated: boolean;
  /** The event's time in the `timeZone` setting's zone, to the millisecond. */
  readonly shownTime: string;
  /** That zone's name at the event's time: `UTC`, `local, UTC+02:00`. */
  readonly shownZone: string;
  readonly timeline: Timeline | undefined;
}

export interface ValidationMessage {
  readonly type: 'validation';
  readonly errors: readonly FieldError[];
}

/** Select an event (opened from the tree), or narrow the table to one connection. */
export interface FocusMessage {
  readonly type: 'focus';
  readonly eventId?: string;
  readonly connectionId?: string;
}

/** Compare two connections: their timelines on one axis, and only the fields that differ. */
export interface CompareMessage {
  readonly type: 'compare';
  readonly timelines: readonly [Timeline, Timeline];
  readonly differences: readonly FieldDifference[];
}

/** What the summary endpoint says about the window of the results shown; its failure is a note, never an error of the panel. */
export interface SummaryMessage {
  readonly type: 'summary';
  readonly state: 'none' | 'loading' | 'ok' | 'failed';
  readonly totals: SummaryTotals | undefined;
  /** Why it failed, for the note. */
  readonly error: string | undefined;
}

/** The saved queries and the history, for the form's "Recent & saved" list; a choice fills the form, Apply runs it. */
export interface QueriesMessage {
  readonly type: 'queries';
  /** Saved (setting order) then recent (newest first); queries as the form edits them (core/queryChoices). */
  readonly choices: readonly QueryChoice[];
}

export type HostMessage =
  | ResultsMessage
  | RowsMessage
  | AppendMessage
  | StatusMessage
  | DetailsMessage
  | ValidationMessage
  | FocusMessage
  | CompareMessage
  | SummaryMessage
  | QueriesMessage;

// ---- webview → host ----

/**
 * What a button may ask the host to do, in the notification or the panel; nothing else can be run
 * from the webview. The host's services/recoveryActions.ts gives each its title, icon and command.
 */
export const HOST_ACTIONS = [
  'setApiKey',
  'retry',
  'editQuery',
  'openServiceStatus',
  'openSettings',
  'showLog',
  'cancel',
  'loadOlder',
  'useSuggestion',
] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];

/** What the webview may send, made on first use (core/lazy): the panel may never be opened. */
export const webviewMessageSchema = lazy(() => {
  const id = z.string().check(z.minLength(1), z.maxLength(512));
  return z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready') }),
    // The user left the compare view (Back): the host does not show it again.
    z.strictObject({ type: z.literal('compareClosed') }),
    z.strictObject({
      type: z.literal('runQuery'),
      // Values are validated field by field by core/query after this.
      query: z.record(z.string().check(z.maxLength(64)), z.union([z.string().check(z.maxLength(10_000)), z.number()])),
    }),
    z.strictObject({ type: z.literal('selectEvent'), eventId: id }),
    z.strictObject({ type: z.literal('revealInTree'), eventId: id }),
    z.strictObject({ type: z.literal('copy'), text: z.string().check(z.maxLength(5_000_000)) }),
    // The host copies from the event it holds, whole and exact: the webview has only a depth-bounded copy.
    z.strictObject({ type: z.literal('copyEvent'), eventId: id, field: z.optional(z.string().check(z.maxLength(512))) }),
    z.strictObject({ type: z.literal('action'), action: z.enum(HOST_ACTIONS) }),
    // The table's filters as they are now, whenever they change: what Export Results' "shown" scope holds.
    z.strictObject({
      type: z.literal('view'),
      text: z.string().check(z.maxLength(10_000)),
      excludedTypes: z.array(z.string().check(z.maxLength(10_000))).check(z.maxLength(10_000)),
    }),
  ]);
});

export type WebviewMessage = z.infer<ReturnType<typeof webviewMessageSchema>>;

/** The state the webview keeps across hide/show and window reloads (`setState`). */
export interface PanelState {
  readonly selectedId?: string;
  readonly text?: string;
  readonly excludedTypes?: readonly string[];
  readonly sort?: { readonly column: string; readonly descending: boolean };
  readonly draft?: Readonly<Record<string, string>>;
  /** The host's query the draft is an edit of (its key, webview/main.ts): a draft of another query gives way to the host's. */
  readonly draftOf?: string;
  /** The quick filter's text when Show Connection put it there (webview/quickFilter.ts). */
  readonly connectionFilter?: ConnectionFilter;
}

/** Show Connection's narrowing of the table: the connection ID, and the query it was for (the form's query as JSON). */
export interface ConnectionFilter {
  readonly text: string;
  readonly queryKey: string;
}
