/**
 * Every identifier the manifest (package.json) also names. A test checks that
 * the two agree, so a rename in one place cannot silently break the other.
 */

export const Commands = {
  queryEvents: 'connectionAnalytics.queryEvents',
  editQuery: 'connectionAnalytics.editQuery',
  refresh: 'connectionAnalytics.refresh',
  cancelQuery: 'connectionAnalytics.cancelQuery',
  setApiKey: 'connectionAnalytics.setApiKey',
  clearApiKey: 'connectionAnalytics.clearApiKey',
  showLog: 'connectionAnalytics.showLog',
  showMore: 'connectionAnalytics.showMore',
  copyConnectionId: 'connectionAnalytics.copyConnectionId',
  copyEventJson: 'connectionAnalytics.copyEventJson',
  queryConnection: 'connectionAnalytics.queryConnection',
  openPanel: 'connectionAnalytics.openPanel',
  openEvent: 'connectionAnalytics.openEvent',
  showConnectionInPanel: 'connectionAnalytics.showConnectionInPanel',
  loadOlder: 'connectionAnalytics.loadOlder',
  showConnection: 'connectionAnalytics.showConnection',
  runSuggestedQuery: 'connectionAnalytics.runSuggestedQuery',
} as const;

export const Views = {
  container: 'connectionAnalytics',
  connections: 'connectionAnalytics.connections',
  /** The events panel's webview type: its serializer restores it after a reload (`onWebviewPanel:` in the manifest). */
  eventsPanel: 'connectionAnalytics.eventsPanel',
} as const;

/** Context keys for `when` clauses. */
export const ContextKeys = {
  hasApiKey: 'connectionAnalytics.hasApiKey',
  hasQuery: 'connectionAnalytics.hasQuery',
  querying: 'connectionAnalytics.querying',
  /** The last page was full: older events can be loaded. */
  canLoadOlder: 'connectionAnalytics.canLoadOlder',
  /** `noQuery`, `querying`, `empty`, `error` or `results`: which welcome content the empty tree shows. */
  viewState: 'connectionAnalytics.viewState',
  /** An empty result was explained with a corrected query to run (Use Suggested Query). */
  hasSuggestion: 'connectionAnalytics.hasSuggestion',
} as const;

/** `contextValue`s of tree items, matched by `viewItem ==` in the manifest's menus. */
export const TreeItemContext = {
  connection: 'connection',
  event: 'event',
  more: 'more',
  older: 'older',
} as const;

export const SERVICE_STATUS_URL = 'https://status.coinapi.io';
