import * as tls from 'node:tls';
import type { buildConnector } from 'undici';
import { undici } from './undici';
import { isLoopbackHost } from '../core/settings';
import { certificateName, UntrustedCertificateError } from './certificates';
import { ProxyAuthenticationError } from './proxy';

type Connector = buildConnector.connector;
type ConnectOptions = buildConnector.Options;

/** How the API server's certificate is checked. */
export interface Verification {
  /** `http.proxyStrictSSL`: false accepts certificates that do not verify. */
  readonly strictSSL: boolean;
  /** The roots to trust; Node's default store when undefined. */
  readonly ca: string[] | undefined;
  /** Whether the proxy gets credentials, for what a 407 says. */
  readonly proxyCredentialsSent: boolean;
}

/**
 * The one way a request reaches the API server. TLS to the server is opened
 * here and nowhere else: directly, or over the plain tunnel a proxy opened
 * (`tunnel`, undici's CONNECT, which is asked for the raw socket). A loopback
 * host is always reached directly, whatever the proxy settings: a proxy could
 * read a plain-http request to it, key included, and cannot reach this
 * machine's loopback anyway. Node checks
 * the chain and the host name as always but reports the outcome on the socket
 * (`authorized`) instead of failing the handshake, so that the refusal can say
 * which certificate failed; the check follows before undici sends anything.
 * An https origin that would get anything but a TLS socket is refused too.
 * TLS sessions are not cached, so a session from a refused handshake is never
 * resumed.
 */
export function verifiedConnector(verification: Verification): (tunnel: Connector | undefined) => Connector {
  const connect = undici().buildConnector({
    rejectUnauthorized: false,
    maxCachedSessions: 0,
    ...(verification.ca ? { ca: verification.ca } : {}),
  });
  return (tunnel) => (target, callback) => {
    const done: buildConnector.Callback = (...args) => {
      const [error, socket] = args;
      if (error) {
        callback(isProxy407(error) ? new ProxyAuthenticationError(verification.proxyCredentialsSent, { cause: error }) : error, null);
        return;
      }
      const refusal = target.protocol === 'https:' ? refuseUnverified(socket, target, verification.strictSSL) : undefined;
      if (refusal) {
        socket.destroy();
        callback(refusal, null);
        return;
      }
      callback(null, socket);
    };
    if (!tunnel || isLoopbackHost(target.hostname)) {
      connect(target, done);
    } else if (target.protocol === 'https:') {
      tunnel(plainTunnel(target), (...args) => {
        const [error, socket] = args;
        if (error) {
          done(error, null);
        } else {
          connect({ ...target, httpSocket: socket }, done);
        }
      });
    } else {
      tunnel(target, done);
    }
  };
}

/** Why a socket for an https origin must not carry a request, or undefined when it may. */
function refuseUnverified(socket: unknown, target: ConnectOptions, strictSSL: boolean): Error | undefined {
  if (!(socket instanceof tls.TLSSocket)) {
    return new Error(`The connection to ${target.host ?? target.hostname} is not TLS although the base URL is https; nothing was sent.`);
  }
  if (!strictSSL || socket.authorized) {
    return undefined;
  }
  const peer = socket.getPeerX509Certificate();
  return new UntrustedCertificateError(
    String(socket.authorizationError ?? 'UNKNOWN'),
    target.host ?? target.hostname,
    certificateName(peer?.subject),
    certificateName(peer?.issuer),
  );
}

/**
 * The proxy tunnel to an https origin, asked for as if the origin were plain
 * http, so that undici hands over the raw tunnel and does not open TLS itself.
 * The port is spelt out: undici would default it by the protocol.
 */
function plainTunnel(target: ConnectOptions): ConnectOptions {
  const port = target.port || '443';
  return { ...target, protocol: 'http:', port, host: target.port ? target.host : `${target.host ?? target.hostname}:${port}` };
}

/** undici's only sign of a tunnel the proxy refused with 407. */
function isProxy407(error: Error): boolean {
  return /^Proxy response \(407\)/.test(error.message);
}
