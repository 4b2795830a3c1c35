import type { Dispatcher, Pool } from 'undici';
import { undici } from './undici';
import { trustedCertificates } from './certificates';
import { checkProxyUrl, effectiveProxies, ProxySettingError, type ProxySource } from './proxy';
import { verifiedConnector } from './verifiedConnector';

/** How requests reach the network: VS Code's `http.*` proxy settings and the extension's extra CA certificates. */
export interface NetworkSettings {
  /** `http.proxy`, credentials included; empty to use HTTPS_PROXY / HTTP_PROXY from the environment, if any. */
  readonly proxy: string;
  /** `http.proxyAuthorization`: the `Proxy-Authorization` value sent to the proxy; empty for none. */
  readonly proxyAuthorization: string;
  /** `http.noProxy`; empty to use NO_PROXY from the environment. */
  readonly noProxy: readonly string[];
  /** `http.proxyStrictSSL`: false accepts certificates that do not verify (a proxy that intercepts TLS). */
  readonly strictSSL: boolean;
  /** PEM root certificates to trust in addition to Node's (from `connectionAnalytics.caCertificatesFile`). */
  readonly certificates: readonly string[];
}

/**
 * One dispatcher, reused for every request: a connection pool that goes
 * through the configured proxy (or the environment's), except for hosts on the
 * no-proxy list. The settings' certificates are trusted in addition to Node's
 * roots.
 *
 * Every pool, direct or through the proxy's tunnel, connects through
 * {@link verifiedConnector}, which opens and checks TLS to the API server. The
 * TLS options undici itself is given are strict, so that a path that ever went
 * around that connector would still verify certificates, failing closed.
 * A proxy this extension cannot use safely (SOCKS) is refused here, with a
 * {@link ProxySettingError}, before anything is sent.
 */
export function createDispatcher(settings: NetworkSettings, env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const proxies = effectiveProxies(settings.proxy, env);
  for (const proxy of [proxies.http, proxies.https]) {
    const check = proxy ? checkProxyUrl(proxy.url, proxy.source) : { ok: true as const };
    if (!check.ok) {
      throw new ProxySettingError(check.message);
    }
  }
  const ca = trustedCertificates(settings.certificates);
  const strictTls = { rejectUnauthorized: settings.strictSSL, ...(ca ? { ca } : {}) };
  const connector = verifiedConnector({
    strictSSL: settings.strictSSL,
    ca,
    proxyCredentialsSent: proxyCredentialsSent(settings, proxies.https),
  });
  const { EnvHttpProxyAgent, Pool: PoolClass } = undici();
  return new EnvHttpProxyAgent({
    // Given explicitly (empty for none), so that undici does not choose again from the environment.
    httpProxy: proxies.http?.url ?? '',
    httpsProxy: proxies.https?.url ?? '',
    noProxy: settings.noProxy.length > 0 ? settings.noProxy.join(',') : undefined,
    token: settings.proxyAuthorization.trim() || undefined,
    connections: 8,
    connect: strictTls,
    requestTls: strictTls,
    proxyTls: strictTls,
    factory: (origin: string | URL, options: object) => {
      const pool = options as Pool.Options;
      return new PoolClass(origin, { ...pool, connect: connector(typeof pool.connect === 'function' ? pool.connect : undefined) });
    },
  });
}

/** Whether the proxy in use gets credentials: http.proxyAuthorization, or a user and password in its URL. */
function proxyCredentialsSent(settings: NetworkSettings, proxy: ProxySource | undefined): boolean {
  if (settings.proxyAuthorization.trim()) {
    return true;
  }
  try {
    const url = new URL(proxy?.url ?? '');
    return url.username !== '' && url.password !== '';
  } catch {
    return false;
  }
}

/** Two settings that give the same dispatcher; the certificates are compared by their text. */
export function sameNetworkSettings(a: NetworkSettings, b: NetworkSettings): boolean {
  return (
    a.proxy === b.proxy &&
    a.proxyAuthorization === b.proxyAuthorization &&
    a.strictSSL === b.strictSSL &&
    a.certificates.join('\n') === b.certificates.join('\n') &&
    a.noProxy.join(',') === b.noProxy.join(',')
  );
}
