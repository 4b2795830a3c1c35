import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as tls from 'node:tls';

/** The setting that adds root certificates; named in every message about them. */
export const CA_FILE_SETTING = 'connectionAnalytics.caCertificatesFile';

/** The CA file cannot be read or holds no usable certificate. */
export class CaFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaFileError';
  }
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** The certificates of a PEM file, each checked; a file that holds none is an error naming the setting. */
export function readCaFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
    throw new CaFileError(`${CA_FILE_SETTING}: the file ${file} cannot be read (${reason}).`, { cause: error });
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new CaFileError(`${CA_FILE_SETTING}: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new CaFileError(`${CA_FILE_SETTING}: certificate ${index + 1} of ${blocks.length} in ${file} is not a valid certificate.`);
    }
  });
  return blocks;
}

/**
 * What to trust when the user adds certificates: Node's own roots, those of
 * `NODE_EXTRA_CA_CERTS` (which an explicit list would otherwise drop), then
 * the user's. Undefined when nothing is added, so that Node's default store
 * (with `NODE_EXTRA_CA_CERTS`) applies as it is.
 */
export function trustedCertificates(added: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (added.length === 0) {
    return undefined;
  }
  let extra: string[] = [];
  const extraFile = env.NODE_EXTRA_CA_CERTS;
  if (extraFile) {
    try {
      extra = fs.readFileSync(extraFile, 'utf8').match(PEM_BLOCK) ?? [];
    } catch {
      // Node warned about it at start-up and ignores it; so do we.
    }
  }
  return [...tls.rootCertificates, ...extra, ...added];
}

/** The codes for a chain that ends in a root this process does not trust: adding that root fixes them. */
const UNTRUSTED_ROOT = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

/**
 * A server's certificate did not verify. It says which certificate (subject
 * and issuer, from the peer) and which setting would fix it. It has no `code`
 * of its own, on purpose: the client then shows this message as it is instead
 * of its generic one; the OpenSSL code is in `reason` and in the message.
 */
export class UntrustedCertificateError extends Error {
  constructor(
    readonly reason: string,
    readonly host: string,
    readonly subject: string | undefined,
    readonly issuer: string | undefined,
  ) {
    super(describeFailure(reason, host, subject, issuer));
    this.name = 'UntrustedCertificateError';
  }
}

function describeFailure(reason: string, host: string, subject: string | undefined, issuer: string | undefined): string {
  const which = subject === undefined ? '' : ` (subject "${subject}", issued by "${issuer ?? 'unknown'}")`;
  const fix = UNTRUSTED_ROOT.has(reason)
    ? `If your network inspects TLS or uses a private CA, add its root certificate (PEM) with ${CA_FILE_SETTING} or NODE_EXTRA_CA_CERTS; http.proxyStrictSSL set to false turns the check off.`
    : reason === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? `The certificate is for another host name; check connectionAnalytics.baseUrl. http.proxyStrictSSL set to false turns the check off.`
      : `http.proxyStrictSSL set to false turns the check off.`;
  return `the TLS certificate of ${host}${which} was not accepted (${reason}). ${fix}`;
}

/** A certificate name from the peer, made safe to show: one line, no control characters, short. */
export function certificateName(name: string | undefined): string | undefined {
  if (!name) {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f-\u009f]+/g;
  const line = name.split('\n').filter(Boolean).join(', ').replace(controls, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
