import { withoutUserinfo } from '../core/userinfo';

/**
 * What a 407 means and what to set, said once: for a proxy that refuses to
 * open a tunnel (CONNECT) and for one that answers a request itself.
 * `credentialsSent` is undefined where it is not known.
 */
export function proxyAuthenticationMessage(credentialsSent?: boolean): string {
  const where = 'http.proxy (http://user:password@host:port) or http.proxyAuthorization (for example "Basic " and the base64 of user:password)';
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

/** The proxy schemes undici speaks. */
const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks:', 'socks5:']);

/** `http.proxy` must be a URL undici can use; the message shows it without its credentials. */
export function checkProxyUrl(text: string): ProxyUrlCheck {
  if (text.trim() === '') {
    return { ok: true };
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: `http.proxy is not a URL: "${withoutUserinfo(text.trim())}". Write it as http://host:port.` };
  }
  if (!PROXY_PROTOCOLS.has(url.protocol)) {
    return { ok: false, message: `http.proxy must start with http://, https:// or socks5:// (it is "${withoutUserinfo(text.trim())}").` };
  }
  return { ok: true };
}
