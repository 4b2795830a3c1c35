import * as tls from 'node:tls';
import { buildConnector, EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { certificateName, trustedCertificates, UntrustedCertificateError } from './certificates';
import { ProxyAuthenticationError } from './proxy';

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
 * Certificates are verified unless the user turned that off. Node checks the
 * chain and the host name as always, but reports the outcome on the socket
 * (`authorized`) instead of failing the handshake, so that the refusal can say
 * which certificate failed: every socket is checked here before undici sends
 * anything on it. TLS sessions are not cached, so a session from a refused
 * handshake is never resumed.
 */
export function createDispatcher(settings: NetworkSettings): Dispatcher {
  const ca = trustedCertificates(settings.certificates);
  const peerTls = { rejectUnauthorized: false, maxCachedSessions: 0, ...(ca ? { ca } : {}) };
  const proxy = settings.proxy.trim() || undefined;
  const guard = guardFor(settings.strictSSL, proxyCredentialsSent(settings));
  return new EnvHttpProxyAgent({
    httpProxy: proxy,
    httpsProxy: proxy,
    noProxy: settings.noProxy.length > 0 ? settings.noProxy.join(',') : undefined,
    token: settings.proxyAuthorization.trim() || undefined,
    connections: 8,
    connect: peerTls,
    requestTls: peerTls,
    proxyTls: { rejectUnauthorized: settings.strictSSL, ...(ca ? { ca } : {}) },
    // Every pool, direct or through the proxy's tunnel, connects through the guard.
    factory: (origin: string | URL, options: object) => {
      const pool = options as Pool.Options;
      const connect = typeof pool.connect === 'function' ? pool.connect : buildConnector({ ...pool.connect, maxCachedSessions: 0 });
      return new Pool(origin, { ...pool, connect: guard(connect) });
    },
  });
}

type Connector = buildConnector.connector;

function guardFor(strictSSL: boolean, credentialsSent: boolean): (connect: Connector) => Connector {
  return (connect) => (options, callback) => {
    connect(options, (...args) => {
      const [error, socket] = args;
      if (error) {
        callback(isProxy407(error) ? new ProxyAuthenticationError(credentialsSent, { cause: error }) : error, null);
        return;
      }
      if (strictSSL && socket instanceof tls.TLSSocket && !socket.authorized) {
        const peer = socket.getPeerX509Certificate();
        const reason = String(socket.authorizationError ?? 'UNKNOWN');
        socket.destroy();
        callback(new UntrustedCertificateError(reason, options.host ?? options.hostname, certificateName(peer?.subject), certificateName(peer?.issuer)), null);
        return;
      }
      callback(null, socket);
    });
  };
}

/** undici's only sign of a tunnel the proxy refused with 407. */
function isProxy407(error: Error): boolean {
  return /^Proxy response \(407\)/.test(error.message);
}

/** Whether the proxy in use gets credentials: http.proxyAuthorization, or a user and password in its URL. */
function proxyCredentialsSent(settings: NetworkSettings): boolean {
  if (settings.proxyAuthorization.trim()) {
    return true;
  }
  const env = process.env;
  const urls = settings.proxy.trim() ? [settings.proxy] : [env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY];
  return urls.some((text) => {
    try {
      const url = new URL(text ?? '');
      return url.username !== '' && url.password !== '';
    } catch {
      return false;
    }
  });
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
