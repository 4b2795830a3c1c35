import * as z from 'zod';
import type { FieldError, QueryInput } from '../core/query';
import type { EventRow } from '../core/table';
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

export interface ResultsMessage {
  readonly type: 'results';
  readonly rows: readonly EventRow[];
  readonly summary: string;
  readonly connections: number;
  readonly limit: number;
  readonly limitReached: boolean;
  readonly pages: number;
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
  readonly localTime: string;
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

export type HostMessage = ResultsMessage | StatusMessage | DetailsMessage | ValidationMessage | FocusMessage;

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

const id = z.string().min(1).max(512);

export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z
    .object({
      type: z.literal('runQuery'),
      // Values are validated field by field by core/query after this.
      query: z.record(z.string().max(64), z.union([z.string().max(10_000), z.number()])),
    })
    .strict(),
  z.object({ type: z.literal('selectEvent'), eventId: id }).strict(),
  z.object({ type: z.literal('revealInTree'), eventId: id }).strict(),
  z.object({ type: z.literal('copy'), text: z.string().max(5_000_000) }).strict(),
  // The host copies from the event it holds, whole and exact: the webview has only a depth-bounded copy.
  z.object({ type: z.literal('copyEvent'), eventId: id, field: z.string().max(512).optional() }).strict(),
  z.object({ type: z.literal('action'), action: z.enum(HOST_ACTIONS) }).strict(),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

/** The state the webview keeps across hide/show and window reloads (`setState`). */
export interface PanelState {
  readonly selectedId?: string;
  readonly text?: string;
  readonly excludedTypes?: readonly string[];
  readonly sort?: { readonly column: string; readonly descending: boolean };
  readonly draft?: Readonly<Record<string, string>>;
}
