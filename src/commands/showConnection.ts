import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Commands } from '../constants';
import { apiKeyQueryInput, widerLookback } from '../core/connectionQuery';
import { findIds, MAX_PASTED_TEXT, UUID_TEXT } from '../core/idExtraction';
import { isTheApiKey } from '../core/apiKeyForm';
import { fieldErrors } from '../core/issues';
import { lazy } from '../core/lazy';
import type { FieldError } from '../core/query';
import type { RunResult } from '../core/queryState';
import { SETTING_RANGES } from '../core/settings';
import { formatTime, type TimeZone } from '../core/time';

/** What Show Connection needs from the rest of the extension. */
export interface ShowConnectionDependencies {
  readonly runQuery: (input: unknown) => Promise<RunResult | { status: 'invalid'; errors: readonly FieldError[] }>;
  readonly queryConnection: (
    connectionId: string,
    lookbackDays: number,
  ) => Promise<RunResult | { status: 'invalid'; errors: readonly FieldError[] }>;
  readonly showPanel: (focus?: { connectionId: string }) => void;
  readonly invalid: (errors: readonly FieldError[]) => void;
  readonly lookbackDays: () => number;
  readonly timeZone: () => TimeZone;
  /** The stored API key: a pasted value equal to it is never sent as an ID. */
  readonly apiKey: () => string | undefined;
}

/** `{ connectionId?, apiKeyId?, text?, lookbackDays? }`: a keybinding's, a hover's or another extension's argument. */
const argumentSchema = lazy(() =>
  z.strictObject({
    connectionId: z.optional(z.string().check(z.trim(), z.minLength(1))),
    apiKeyId: z.optional(z.string().check(z.trim(), z.regex(new RegExp(`^${UUID_TEXT}$`)))),
    text: z.optional(z.string().check(z.maxLength(MAX_PASTED_TEXT))),
    lookbackDays: z.optional(
      z.number().check(z.int(), z.minimum(SETTING_RANGES.connectionLookbackDays.min), z.maximum(SETTING_RANGES.connectionLookbackDays.max)),
    ),
  }),
);

type Target = { readonly kind: 'connection' | 'apiKey'; readonly id: string };

export type ShowConnectionResult =
  | {
      readonly status: 'ok';
      readonly kind: Target['kind'];
      readonly id: string;
      readonly found: boolean;
      readonly lookbackDays: number;
      readonly events: number;
    }
  | { readonly status: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly status: 'failed' | 'cancelled' | 'busy' | 'stale' };

/**
 * Shows a connection's whole life from whatever the user has: a connection ID,
 * or pasted text (a log line, a stack trace, JSON) with connection or API key
 * IDs in it (core/idExtraction); with several, asks which. A connection is
 * queried by its ID alone and paged back to its connect event; an API key by
 * its ID over the same window. One that matches nothing says so, with the
 * window searched and a button to search a wider one.
 */
export async function showConnection(deps: ShowConnectionDependencies, argument?: unknown): Promise<ShowConnectionResult> {
  const parsed = argumentSchema().safeParse(argument ?? {});
  if (!parsed.success) {
    const errors = fieldErrors(argument, parsed.error.issues);
    deps.invalid(errors);
    return { status: 'invalid', errors };
  }
  const { connectionId, lookbackDays = deps.lookbackDays() } = parsed.data;
  const apiKeyId = parsed.data.apiKeyId?.toLowerCase();
  if (apiKeyId !== undefined && isTheApiKey(apiKeyId, deps.apiKey())) {
    // The key itself, not a key's ID: it is never sent as a filter.
    const errors = [{ field: 'apiKeyId', message: `apiKeyId: ${vscode.l10n.t('is the API key itself, not an API key ID.')}` }];
    deps.invalid(errors);
    return { status: 'invalid', errors };
  }
  let text = parsed.data.text;
  if (connectionId === undefined && apiKeyId === undefined && text === undefined) {
    text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Show Connection'),
      prompt: vscode.l10n.t('A connection ID, or any text with connection or API key IDs in it: a log line, a stack trace, JSON.'),
      placeHolder: 'conn_7f9a8b2c1d3e4f5a',
      ignoreFocusOut: true,
      // Checked in the box, so what was typed stays there to be corrected.
      validateInput: (value) => (targetsIn(value, deps.apiKey()).targets.length === 0 ? noIdMessage() : undefined),
    });
    if (text === undefined) {
      return { status: 'cancelled' };
    }
  }
  const target =
    connectionId !== undefined
      ? { kind: 'connection' as const, id: connectionId }
      : apiKeyId !== undefined
        ? { kind: 'apiKey' as const, id: apiKeyId }
        : await pickTarget(text ?? '', deps.apiKey());
  if (!target) {
    return { status: 'cancelled' };
  }
  if (target === 'none') {
    const errors = [{ field: 'text', message: `text: ${noIdMessage()}` }];
    deps.invalid(errors);
    return { status: 'invalid', errors };
  }
  const result =
    target.kind === 'connection'
      ? await deps.queryConnection(target.id, lookbackDays)
      : await deps.runQuery(apiKeyQueryInput(target.id, lookbackDays, Date.now()));
  if (result.status !== 'ok') {
    return result.status === 'invalid' ? result : { status: result.status };
  }
  const { outcome } = result;
  const found = target.kind === 'connection' ? outcome.connections.some((c) => c.connectionId === target.id) : outcome.eventCount > 0;
  if (found) {
    deps.showPanel(target.kind === 'connection' ? { connectionId: target.id } : undefined);
  } else {
    notFound(target, lookbackDays, outcome.rangeStartMs, deps.timeZone());
  }
  return { status: 'ok', kind: target.kind, id: target.id, found, lookbackDays, events: outcome.eventCount };
}

function noIdMessage(): string {
  return vscode.l10n.t('holds no connection ID (conn_…) or labelled API key ID (apikeyId: <UUID>).');
}

/** The IDs in `text` that can be shown (core/idExtraction), and how many more it held past the most listed. */
function targetsIn(text: string, apiKey: string | undefined): { readonly targets: readonly Target[]; readonly more: number } {
  const found = findIds(text);
  const targets: Target[] = [
    ...found.connectionIds.map((id) => ({ kind: 'connection' as const, id })),
    ...found.apiKeyIds.filter((id) => !isTheApiKey(id, apiKey)).map((id) => ({ kind: 'apiKey' as const, id })),
  ];
  return { targets, more: found.connectionIdCount + found.apiKeyIdCount - targets.length };
}

/** The one ID in `text`, or the one the user picks among several; 'none' when there is none. */
async function pickTarget(text: string, apiKey: string | undefined): Promise<Target | 'none' | undefined> {
  const { targets, more } = targetsIn(text, apiKey);
  if (targets.length <= 1) {
    return targets[0] ?? 'none';
  }
  const picked = await vscode.window.showQuickPick(
    targets.map((target) => ({
      label: target.id,
      description: target.kind === 'connection' ? vscode.l10n.t('connection') : vscode.l10n.t('API key ID: its events'),
      target,
    })),
    {
      title: vscode.l10n.t('Show Connection'),
      placeHolder:
        more > 0
          ? vscode.l10n.t('{0} IDs found (the first {1} are listed): which one?', targets.length + more, targets.length)
          : vscode.l10n.t('{0} IDs found: which one?', targets.length),
      ignoreFocusOut: true,
    },
  );
  return picked?.target;
}

/** Says what was searched, with a button that searches a wider window. */
function notFound(target: Target, lookbackDays: number, startMs: number | undefined, zone: TimeZone): void {
  const since = startMs === undefined ? '' : formatTime({ ms: startMs, ticks: 0 }, zone, false);
  const message =
    target.kind === 'connection'
      ? vscode.l10n.t('No events for connection {0} in the last {1} days (since {2}).', target.id, lookbackDays, since)
      : vscode.l10n.t('No events for API key ID {0} in the last {1} days (since {2}).', target.id, lookbackDays, since);
  const wider = widerLookback(lookbackDays, SETTING_RANGES.connectionLookbackDays.max);
  const button = wider === undefined ? undefined : vscode.l10n.t('Search the Last {0} Days', wider);
  void vscode.window.showInformationMessage(message, ...(button ? [button] : [])).then((picked) => {
    if (picked !== undefined && button !== undefined && wider !== undefined) {
      const argument = target.kind === 'connection' ? { connectionId: target.id } : { apiKeyId: target.id };
      return vscode.commands.executeCommand(Commands.showConnection, { ...argument, lookbackDays: wider });
    }
    return undefined;
  });
}
