import * as z from 'zod/mini';
import { EXPORT_FORMATS, type ExportFormat } from './exportFormats';
import { fieldErrors } from './issues';
import { lazy } from './lazy';
import type { ArgumentResult } from './treeArguments';

/** Which records an export holds: the whole result, or only the rows the events panel's filters show. */
export const EXPORT_SCOPES = ['all', 'shown'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

export interface ExportArgument {
  readonly format: ExportFormat | undefined;
  /** Where to write: a URI (`file:///…`, `vscode-remote://…`) or a local path; asked for with a save dialog when absent. */
  readonly uri: string | undefined;
  readonly scope: ExportScope | undefined;
}

const exportArgument = lazy(() =>
  z.strictObject({
    format: z.optional(z.enum(EXPORT_FORMATS)),
    uri: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(4096))),
    scope: z.optional(z.enum(EXPORT_SCOPES)),
  }),
);

const connectionArgument = lazy(() => z.strictObject({ connectionId: z.string().check(z.trim(), z.minLength(1), z.maxLength(512)) }));

/** `{ "format": "csv", "uri": "/tmp/events.csv", "scope": "shown" }` for Export Results; every field may be left out. */
export function parseExportArgument(argument: unknown): ArgumentResult<ExportArgument> {
  const parsed = exportArgument().safeParse(argument ?? {});
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(argument, parsed.error.issues) };
  }
  const { format, uri, scope } = parsed.data;
  if (uri !== undefined && !isUriText(uri) && !isAbsolutePath(uri)) {
    // Relative to what? The extension host's working directory is nothing the user chose.
    return { ok: false, errors: [{ field: 'uri', message: 'uri: must be an absolute path or a URI (file:///…), not a relative path.' }] };
  }
  return { ok: true, value: { format, uri, scope } };
}

/** `{ "connectionId": "conn_…" }` for Copy for Support. */
export function parseConnectionArgument(argument: unknown): ArgumentResult<string> {
  const parsed = connectionArgument().safeParse(argument);
  return parsed.success ? { ok: true, value: parsed.data.connectionId } : { ok: false, errors: fieldErrors(argument, parsed.error.issues) };
}

/**
 * Whether text given as `uri` names a URI (a scheme of two or more letters
 * before the colon) rather than a local path: `C:\\x.csv` is a path.
 */
export function isUriText(text: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(text);
}

/** An absolute local path, POSIX (`/…`) or Windows (`C:\\…`, `C:/…`, `\\\\server\\…`), whatever the host's platform. */
function isAbsolutePath(text: string): boolean {
  return text.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(text) || text.startsWith('\\\\');
}
