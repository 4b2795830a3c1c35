/**
 * A value made on its first use, then kept. For what costs time to make and is not needed when the
 * extension starts: a zod schema is dozens of objects made at once (measured, the schemas made when the
 * bundle loaded were a third of loading it), and most are first needed by a request or a message.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
