import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** How requests reach the network: VS Code's `http.proxy`, `http.noProxy` and `http.proxyStrictSSL`. */
export interface NetworkSettings {
  /** `http.proxy`; empty to use HTTPS_PROXY / HTTP_PROXY from the environment, if any. */
  readonly proxy: string;
  /** `http.noProxy`; empty to use NO_PROXY from the environment. */
  readonly noProxy: readonly string[];
  /** `http.proxyStrictSSL`: false accepts certificates that do not verify (a proxy that intercepts TLS). */
  readonly strictSSL: boolean;
}

/**
 * One dispatcher, reused for every request: a connection pool that goes
 * through the configured proxy (or the environment's), except for hosts on the
 * no-proxy list. Certificates are verified unless the user turned that off.
 */
export function createDispatcher(settings: NetworkSettings): Dispatcher {
  const tls = { rejectUnauthorized: settings.strictSSL };
  const proxy = settings.proxy.trim() || undefined;
  return new EnvHttpProxyAgent({
    httpProxy: proxy,
    httpsProxy: proxy,
    noProxy: settings.noProxy.length > 0 ? settings.noProxy.join(',') : undefined,
    connections: 8,
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
  });
}

export function sameNetworkSettings(a: NetworkSettings, b: NetworkSettings): boolean {
  return a.proxy === b.proxy && a.strictSSL === b.strictSSL && a.noProxy.join(',') === b.noProxy.join(',');
}
