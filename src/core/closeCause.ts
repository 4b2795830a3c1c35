import * as l10n from '@vscode/l10n';

/**
 * Why a connection ended, classified from its disconnect event's type and
 * description: the one home of this vocabulary (the tree's icons for it live
 * in views). The server's own words are kept beside it, never replaced.
 *
 * - `client`: the client closed it ("closed by client", "logout … by client").
 * - `server`: the server closed it ("closed by server", "going away", an idle timeout).
 * - `heartbeatTimeout`: heartbeats (pings) stopped and the server gave up.
 * - `authentication`: the key was refused (authentication, unauthorized, 401, 403).
 * - `rateLimit`: too many requests (rate limit, throttled, 429).
 * - `error`: a failure with neither side named (error, exception, abnormal closure, reset).
 * - `other`: anything else, an empty description included; never dropped.
 */
export const CLOSE_CAUSES = ['client', 'server', 'heartbeatTimeout', 'authentication', 'rateLimit', 'error', 'other'] as const;
export type CloseCause = (typeof CLOSE_CAUSES)[number];

// Checked in this order: the most specific first, so "closed by server: heartbeat timeout" is a timeout
// and "closed by server (1011 internal error)" is the server's doing. Each pattern runs in linear time.
const RULES: readonly (readonly [CloseCause, (text: string) => boolean])[] = [
  ['authentication', (t) => /\bauth(?:entication|orization|orisation)?\b|\bunauthori[sz]ed\b|\bforbidden\b|\b40[13]\b/.test(t)],
  ['rateLimit', (t) => /\brate[ _-]?limit|\btoo many requests\b|\bthrottl|\b429\b/.test(t)],
  [
    'heartbeatTimeout',
    (t) => /\bheartbeats?\b|\bping\b|\bpong\b/.test(t) && /\btime[sd]?[ _-]?out\b|\bno\b|\bmissed\b|\bmissing\b|\blost\b|\bstale\b/.test(t),
  ],
  ['client', (t) => /\b(?:by|from) (?:the )?client\b|\bclient[ _-](?:closed|disconnected|initiated|side|logout)\b/.test(t)],
  [
    'server',
    (t) =>
      /\b(?:by|from) (?:the )?server\b|\bserver[ _-](?:closed|disconnected|initiated|side|shutdown|restart)\b|\bgoing away\b|\bidle timeout\b/.test(
        t,
      ),
  ],
  ['error', (t) => /\berrors?\b|\bexception\b|\bfail(?:ed|ure)?\b|\babnormal\b|\breset\b/.test(t)],
];

/**
 * The cause of a disconnect. Both texts come from the server: they are only
 * matched, never used as keys. Underscores and dashes in the type count as
 * spaces, so `auth_failed` reads as "auth failed".
 */
export function classifyClose(eventType: string, description: string | null | undefined): CloseCause {
  const text = `${eventType.replace(/[_-]/g, ' ')} ${description ?? ''}`.toLowerCase();
  for (const [cause, matches] of RULES) {
    if (matches(text)) {
      return cause;
    }
  }
  return 'other';
}

/** The cause in a few words, as the tree row and the counts say it. */
export function closeCauseLabel(cause: CloseCause): string {
  switch (cause) {
    case 'client':
      return l10n.t('client closed');
    case 'server':
      return l10n.t('server closed');
    case 'heartbeatTimeout':
      return l10n.t('heartbeat timeout');
    case 'authentication':
      return l10n.t('authentication');
    case 'rateLimit':
      return l10n.t('rate limit');
    case 'error':
      return l10n.t('error');
    case 'other':
      return l10n.t('other');
  }
}
