import { withoutUserinfo } from '../core/userinfo';

/**
 * What a 407 means and what to set, said once: for a proxy that refuses to
 * open a tunnel (CONNECT) and for one that answers a request itself.
 * `credentialsSent` is undefined where it is not known.
 */
export function proxyAuthenticationMessage(credentialsSent?: boolean): string {
  const where =
    'http.proxy (http://user:password@host:port) or http.proxyAuthorization (for example "Basic " and the base64 of user:password)';
  if (credentialsSent === true) {
    return `The proxy did not accept the credentials (407). Check them in ${where}.`;
  }
  return `The proxy requires authentication (407). Put the credentials in ${where}${credentialsSent === undefined ? ', or check them if they are set' : ''}.`;
}

/** The proxy answered CONNECT with 407. */
export class ProxyAuthenticationError extends Error {
  readonly code = 'PROXY_AUTHENTICATION_REQUIRED';
  constructor(credentialsSent: boolean, options?: { cause?: unknown }) {
    super(proxyAuthenticationMessage(credentialsSent), options);
    this.name = 'ProxyAuthenticationError';
  }
}

export type ProxyUrlCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** The setting that names the proxy; it takes precedence over the environment's variables. */
export const PROXY_SETTING = 'http.proxy';

/** The proxy schemes this extension uses. */
const PROXY_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * undici's SOCKS support opens TLS to the API server itself, outside the
 * dispatcher's certificate check, so a SOCKS proxy is refused before anything
 * is sent rather than used without that check.
 */
const SOCKS_PROTOCOLS = new Set(['socks:', 'socks5:']);

/**
 * A proxy URL must be one this extension can use; the message names where it
 * comes from (`http.proxy` or an environment variable) and shows the URL
 * without its credentials.
 */
export function checkProxyUrl(text: string, source: string = PROXY_SETTING): ProxyUrlCheck {
  if (text.trim() === '') {
    return { ok: true };
  }
  const shown = withoutUserinfo(text.trim());
  const where = source === PROXY_SETTING ? PROXY_SETTING : `The environment variable ${source}`;
  const fix =
    source === PROXY_SETTING
      ? `Set ${PROXY_SETTING} to an http:// or https:// proxy`
      : `Set ${PROXY_SETTING} to an http:// or https:// proxy (it takes precedence), or change ${source}`;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: `${where} is not a URL: "${shown}". Write it as http://host:port.` };
  }
  if (SOCKS_PROTOCOLS.has(url.protocol)) {
    return { ok: false, message: `${where} is a SOCKS proxy (${shown}), which this extension does not support. ${fix}.` };
  }
  if (!PROXY_PROTOCOLS.has(url.protocol)) {
    return { ok: false, message: `${where} must start with http:// or https:// (it is "${shown}"). ${fix}.` };
  }
  return { ok: true };
}

/** A proxy URL and where it was set: `http.proxy` or the environment variable's name. */
export interface ProxySource {
  readonly url: string;
  readonly source: string;
}

/**
 * The proxies requests use, chosen once, here, as undici would: `http.proxy`
 * for both schemes; otherwise `https_proxy` / `HTTPS_PROXY` for https (falling
 * back to the http one) and `http_proxy` / `HTTP_PROXY` for http.
 */
export function effectiveProxies(
  setting: string,
  env: NodeJS.ProcessEnv = process.env,
): { readonly http?: ProxySource; readonly https?: ProxySource } {
  if (setting.trim()) {
    const proxy = { url: setting.trim(), source: PROXY_SETTING };
    return { http: proxy, https: proxy };
  }
  const first = (...names: string[]): ProxySource | undefined => {
    const name = names.find((n) => env[n]?.trim());
    return name === undefined ? undefined : { url: env[name]!.trim(), source: name };
  };
  const http = first('http_proxy', 'HTTP_PROXY');
  return { http, https: first('https_proxy', 'HTTPS_PROXY') ?? http };
}

/** A proxy the settings or the environment name cannot be used; `setting` is the setting that fixes it. */
export class ProxySettingError extends Error {
  readonly setting = PROXY_SETTING;
  constructor(message: string) {
    super(message);
    this.name = 'ProxySettingError';
  }
}
