import { ownValue } from './issues';
import { INT32_MAX } from './query';
import { malformedSavedQueries, parseSavedQueries, type SavedQuery } from './savedQueries';
import { DEFAULT_TIME_ZONE, isTimeZone, type TimeZone } from './time';
import { withoutUserinfo } from './userinfo';

/**
 * The contributed settings, their defaults and their checks, free of `vscode`
 * so that plain mocha tests them and compares them with the manifest.
 */
export const SETTINGS_SECTION = 'connectionAnalytics';

/**
 * The highest `maxResponseMegabytes` that works. A response becomes one string
 * before it is parsed, and V8 cannot make a string longer than 2^29 − 24
 * characters (about 512 MiB); parsing then needs several times the body again
 * in the extension host's heap, so half of that is the most that still reads
 * and parses (measured: 255 MiB of records in 6 s, 684 MiB of heap). The
 * manifest's `maximum` for the setting is this number (test/unit/manifest.test.ts).
 */
export const MAX_RESPONSE_MEGABYTES = 256;

/** The setting's full name, as the Settings UI and messages show it. */
export const MAX_RESPONSE_SETTING = `${SETTINGS_SECTION}.maxResponseMegabytes`;
export const BASE_URL_SETTING = `${SETTINGS_SECTION}.baseUrl`;

/** The header that carries the API key: the Console API accepts either. */
export type AuthHeader = 'Authorization' | 'X-CoinAPI-Key';

export interface Settings {
  readonly baseUrl: string;
  readonly authHeader: AuthHeader;
  readonly defaultLimit: number;
  readonly requestTimeoutSeconds: number;
  /** Silences between events longer than this are marked on the timeline; the API's "active" window. */
  readonly heartbeatGapSeconds: number;
  /** Responses larger than this are refused while they stream in. */
  readonly maxResponseMegabytes: number;
  /** How often the live tail asks for new events, in seconds. */
  readonly 'liveTail.intervalSeconds': number;
  /** A PEM file of root certificates trusted in addition to Node's; empty for none. */
  readonly caCertificatesFile: string;
  /** How many days back Query This Connection looks for a connection's events. */
  readonly connectionLookbackDays: number;
  /** The zone every time is shown and typed in: `local` or `utc`. */
  readonly timeZone: TimeZone;
  /** A hover on a connection ID or a UUID in an editor offers to show its events. */
  readonly 'hover.enabled': boolean;
  /** Added before and after a debug session's times when its events are queried. */
  readonly 'debugSession.marginSeconds': number;
  /**
   * Named queries, the user's and the workspace's (a workspace's hides a user's of the same name).
   * Read as `{ user, workspace }`, the setting's value in each scope; each query is validated when run.
   */
  readonly savedQueries: readonly SavedQuery[];
}

export const DEFAULT_SETTINGS: Settings = {
  baseUrl: 'https://api-console.apibricks.io',
  authHeader: 'Authorization',
  defaultLimit: 1000,
  requestTimeoutSeconds: 30,
  heartbeatGapSeconds: 120,
  maxResponseMegabytes: 64,
  'liveTail.intervalSeconds': 10,
  caCertificatesFile: '',
  connectionLookbackDays: 7,
  timeZone: DEFAULT_TIME_ZONE,
  'hover.enabled': true,
  'debugSession.marginSeconds': 30,
  savedQueries: [],
};

type NumericSetting = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

/**
 * The inclusive range of each numeric setting: the sanitiser enforces it, and
 * the manifest's `minimum` and `maximum` must say the same (a unit test checks).
 */
export const SETTING_RANGES: Readonly<Record<NumericSetting, { readonly min: number; readonly max: number }>> = {
  defaultLimit: { min: 1, max: INT32_MAX },
  requestTimeoutSeconds: { min: 1, max: 600 },
  heartbeatGapSeconds: { min: 1, max: 86_400 },
  maxResponseMegabytes: { min: 1, max: MAX_RESPONSE_MEGABYTES },
  'liveTail.intervalSeconds': { min: 2, max: 3600 },
  connectionLookbackDays: { min: 1, max: 365 },
  'debugSession.marginSeconds': { min: 0, max: 3600 },
};

/**
 * Settings still in the manifest (marked deprecated) that the code reads only to move their
 * value to what replaced them, once: `autoRefreshSeconds` re-ran the whole query; the live tail
 * replaced it.
 */
export const DEPRECATED_SETTINGS = {
  autoRefreshSeconds: { replacedBy: 'liveTail.intervalSeconds', min: 0, max: 3600 },
} as const satisfies Readonly<Record<string, { readonly replacedBy: keyof Settings; readonly min: number; readonly max: number }>>;

/**
 * What a user's `autoRefreshSeconds` becomes: the live tail on, at that interval (no shorter than
 * the tail allows), unless they already set the interval. Undefined when there is nothing to move
 * (unset, 0 = off, or not a whole number).
 */
export function migrateAutoRefresh(
  autoRefreshSeconds: unknown,
  intervalSeconds: unknown,
): { readonly enableTail: true; readonly intervalSeconds: number | undefined } | undefined {
  if (typeof autoRefreshSeconds !== 'number' || !Number.isInteger(autoRefreshSeconds) || autoRefreshSeconds <= 0) {
    return undefined;
  }
  const { min, max } = SETTING_RANGES['liveTail.intervalSeconds'];
  return {
    enableTail: true,
    intervalSeconds: intervalSeconds === undefined ? Math.min(max, Math.max(min, autoRefreshSeconds)) : undefined,
  };
}

export type BaseUrlCheck =
  | { readonly ok: true; readonly url: string }
  /** `problem`: what is wrong with the URL, to follow its name ("must use https…"); `message`: the same, of the baseUrl setting. */
  | { readonly ok: false; readonly problem: string; readonly message: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a host name is this machine: `localhost`, 127.0.0.0/8 or `[::1]`
 * (with or without brackets: `URL.hostname` has them, undici's connection
 * options do not). Such a base URL may use http, and
 * requests to it never go through a proxy, so the key stays on the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(name) || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * The base URL must be https, unless it points at this machine; it may not
 * carry user info, a query or a fragment. The key goes to this origin only.
 */
export function checkBaseUrl(text: string): BaseUrlCheck {
  const refused = (problem: string): BaseUrlCheck => ({ ok: false, problem, message: `${BASE_URL_SETTING} ${problem}` });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return refused(`is not a URL: "${withoutUserinfo(text)}".`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return refused('must use https (http is allowed only for localhost).');
  }
  if (url.username || url.password) {
    return refused('must not contain a user name or password.');
  }
  if (url.search || url.hash) {
    return refused('must not contain a query or fragment.');
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/**
 * A setting read from the user, made safe: wrong types, fractions and numbers
 * below the range fall back to the default; numbers above it become its maximum.
 */
export function sanitizeSettings(raw: Partial<Record<keyof Settings, unknown>>): Settings {
  const integer = (name: NumericSetting): number => {
    const value = raw[name];
    const { min, max } = SETTING_RANGES[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      return DEFAULT_SETTINGS[name];
    }
    // Above the range, the most the setting allows: a user who raised a value gets as much as can be had.
    return Math.min(value, max);
  };
  return {
    baseUrl: typeof raw.baseUrl === 'string' && raw.baseUrl.trim() !== '' ? raw.baseUrl.trim() : DEFAULT_SETTINGS.baseUrl,
    authHeader: raw.authHeader === 'X-CoinAPI-Key' ? 'X-CoinAPI-Key' : 'Authorization',
    defaultLimit: integer('defaultLimit'),
    requestTimeoutSeconds: integer('requestTimeoutSeconds'),
    heartbeatGapSeconds: integer('heartbeatGapSeconds'),
    maxResponseMegabytes: integer('maxResponseMegabytes'),
    'liveTail.intervalSeconds': integer('liveTail.intervalSeconds'),
    caCertificatesFile: typeof raw.caCertificatesFile === 'string' ? raw.caCertificatesFile.trim() : DEFAULT_SETTINGS.caCertificatesFile,
    connectionLookbackDays: integer('connectionLookbackDays'),
    timeZone: isTimeZone(raw.timeZone) ? raw.timeZone : DEFAULT_SETTINGS.timeZone,
    'hover.enabled': typeof raw['hover.enabled'] === 'boolean' ? raw['hover.enabled'] : DEFAULT_SETTINGS['hover.enabled'],
    'debugSession.marginSeconds': integer('debugSession.marginSeconds'),
    savedQueries: savedQueriesOf(ownValue(raw.savedQueries, 'user'), ownValue(raw.savedQueries, 'workspace')),
  };
}

/** Both scopes' saved queries by name, then the entries that cannot be named, listed to say what is wrong with them. */
function savedQueriesOf(user: unknown, workspace: unknown): SavedQuery[] {
  return [...parseSavedQueries(user, workspace).values(), ...malformedSavedQueries(user, workspace)];
}
