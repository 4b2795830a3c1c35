/** The documented event types; any other type is shown too, with a generic icon. */
export const KNOWN_EVENT_TYPES = ['connect', 'heartbeat', 'disconnect'] as const;
export type KnownEventType = (typeof KNOWN_EVENT_TYPES)[number];

/** Whether a type from the server is one of {@link KNOWN_EVENT_TYPES}; `constructor` and friends are not. */
export function isKnownEventType(type: string): type is KnownEventType {
  return (KNOWN_EVENT_TYPES as readonly string[]).includes(type);
}
