import type { EventRow } from './table';

/**
 * Table rows as compact columns, for the host to send the panel in chunks. Text that repeats
 * from row to row (types, services, hosts, connection IDs, descriptions) is sent once per chunk
 * in `words` and referred to by index; what is unique to a row (its ID and timestamp) is sent as
 * it is. 100,000 rows take about a third of the bytes they take as objects, and no one message
 * carries more than {@link CHUNK_ROWS} of them.
 */
export interface RowColumns {
  readonly id: readonly string[];
  /** The timestamp exactly as the server sent it. */
  readonly time: readonly string[];
  readonly ms: readonly number[];
  readonly ticks: readonly number[];
  /** The chunk's dictionary: each row's value of a {@link WORD_FIELDS} field is an index into it. */
  readonly words: readonly string[];
  readonly type: readonly number[];
  readonly connectionId: readonly number[];
  readonly service: readonly number[];
  readonly protocol: readonly number[];
  readonly dataCenter: readonly number[];
  readonly host: readonly number[];
  readonly ip: readonly number[];
  readonly description: readonly number[];
  readonly apiKeyId: readonly number[];
}

/** The row fields sent through the dictionary. */
export const WORD_FIELDS = ['type', 'connectionId', 'service', 'protocol', 'dataCenter', 'host', 'ip', 'description', 'apiKeyId'] as const;
type WordField = (typeof WORD_FIELDS)[number];

/** Rows in the first message: more than a screenful, so the table paints from it alone. */
export const FIRST_CHUNK_ROWS = 200;
/** Rows in each later message: about 1.3 MiB of JSON with the fake API's records. */
export const CHUNK_ROWS = 10_000;

/** Rows `start` to `end` (exclusive) as columns. */
export function encodeRows(rows: readonly EventRow[], start = 0, end = rows.length): RowColumns {
  const words: string[] = [];
  // A Map: the words are the server's text, `__proto__` included.
  const wordIndex = new Map<string, number>();
  const word = (text: string): number => {
    let index = wordIndex.get(text);
    if (index === undefined) {
      index = words.push(text) - 1;
      wordIndex.set(text, index);
    }
    return index;
  };
  const columns = {
    id: [] as string[],
    time: [] as string[],
    ms: [] as number[],
    ticks: [] as number[],
    words,
    ...(Object.fromEntries(WORD_FIELDS.map((field) => [field, [] as number[]])) as Record<WordField, number[]>),
  };
  for (let i = start; i < Math.min(end, rows.length); i++) {
    const row = rows[i]!;
    columns.id.push(row.id);
    columns.time.push(row.time);
    columns.ms.push(row.ms);
    columns.ticks.push(row.ticks);
    for (const field of WORD_FIELDS) {
      columns[field].push(word(row[field]));
    }
  }
  return columns;
}

/** Why a chunk was refused, naming the field; undefined when it is well formed. */
export function checkRowColumns(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return 'rows: must be an object';
  }
  const columns = value as Record<string, unknown>;
  const id = columns.id;
  if (!Array.isArray(id)) {
    return 'rows.id: must be an array';
  }
  const count = id.length;
  const words = columns.words;
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) {
    return 'rows.words: must be an array of text';
  }
  for (const field of ['id', 'time'] as const) {
    const column = columns[field];
    if (!Array.isArray(column) || column.length !== count || !column.every((v) => typeof v === 'string')) {
      return `rows.${field}: must be ${count} texts`;
    }
  }
  for (const field of ['ms', 'ticks'] as const) {
    const column = columns[field];
    if (!Array.isArray(column) || column.length !== count || !column.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return `rows.${field}: must be ${count} numbers`;
    }
  }
  for (const field of WORD_FIELDS) {
    const column = columns[field];
    if (!Array.isArray(column) || column.length !== count || !column.every((v) => Number.isInteger(v) && v >= 0 && v < words.length)) {
      return `rows.${field}: must be ${count} indexes into rows.words`;
    }
  }
  return undefined;
}

/** The rows of a chunk checked by {@link checkRowColumns}. */
export function decodeRows(columns: RowColumns): EventRow[] {
  const { words } = columns;
  const rows: EventRow[] = new Array<EventRow>(columns.id.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = {
      id: columns.id[i]!,
      ms: columns.ms[i]!,
      ticks: columns.ticks[i]!,
      time: columns.time[i]!,
      type: words[columns.type[i]!]!,
      connectionId: words[columns.connectionId[i]!]!,
      service: words[columns.service[i]!]!,
      protocol: words[columns.protocol[i]!]!,
      dataCenter: words[columns.dataCenter[i]!]!,
      host: words[columns.host[i]!]!,
      ip: words[columns.ip[i]!]!,
      description: words[columns.description[i]!]!,
      apiKeyId: words[columns.apiKeyId[i]!]!,
    };
  }
  return rows;
}
