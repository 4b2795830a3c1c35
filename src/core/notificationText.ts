/** The most characters of one notification: a 10 MB description is cut, not shown (the log keeps it whole). */
export const MAX_NOTIFICATION_TEXT = 1000;

/**
 * Text from a server or a workspace setting, made fit for a VS Code notification, where
 * `[label](target)` becomes a link, to a command as readily as to a web page: the pattern is broken by
 * a zero-width space between `]` and `(`, which reads the same; text past {@link MAX_NOTIFICATION_TEXT}
 * is cut with an ellipsis. The one home of this rule for every notification the extension shows.
 */
export function notificationText(text: string): string {
  const cut = text.length > MAX_NOTIFICATION_TEXT ? `${text.slice(0, MAX_NOTIFICATION_TEXT - 1)}…` : text;
  return cut.replace(/\]\s*\(/g, ']\u200b(');
}

/**
 * Text from a server or a workspace setting, made fit for a quick pick's label or description, where
 * `$(name)` becomes an icon: the pattern is broken by a zero-width space after the `$`, which reads the same.
 */
export function pickText(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}
