import * as vscode from 'vscode';
import type { RequestLog } from './api/client';
import { redactSecret } from './api/redaction';

/**
 * The extension's one output channel. Every line passes through redaction of
 * every API key this window knows, each profile's, whatever its source (a
 * server that echoes the key, an error from a library).
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(private readonly secrets: () => readonly string[]) {
    this.channel = vscode.window.createOutputChannel(vscode.l10n.t('Connection Analytics'), { log: true });
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? '' : describeThrown(error);
    this.channel.error(this.redact(detail ? `${message}: ${detail}` : message));
  }

  /** One line per request: path, parameters, status, duration, records. */
  request(entry: RequestLog): void {
    const params = new URLSearchParams(entry.params).toString();
    const target = params ? `${entry.path}?${params}` : entry.path;
    const duration = `${Math.round(entry.durationMs)} ms`;
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    if (entry.error) {
      const status = entry.status === undefined ? entry.error.kind : String(entry.status);
      const next = entry.retryInMs === undefined ? '' : `; retrying in ${entry.retryInMs} ms`;
      this.channel.warn(this.redact(`GET ${target}${attempt} → ${status} in ${duration}: ${entry.error.message}${next}`));
      return;
    }
    const invalid = entry.invalid ? `, ${entry.invalid} invalid` : '';
    this.channel.info(
      this.redact(`GET ${target}${attempt} → ${entry.status} in ${duration}, ${entry.records} records${invalid}, ${entry.bytes} bytes`),
    );
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private redact(text: string): string {
    let clean = text;
    for (const secret of this.secrets()) {
      clean = redactSecret(clean, secret);
    }
    return clean;
  }
}

/** Something thrown that is not an Error, as text: primitives as they are, anything else by its kind. */
function describeThrown(thrown: unknown): string {
  return typeof thrown === 'string' || typeof thrown === 'number' || typeof thrown === 'boolean'
    ? String(thrown)
    : Object.prototype.toString.call(thrown);
}
