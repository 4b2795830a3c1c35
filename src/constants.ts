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
  groupBy: 'connectionAnalytics.groupBy',
  narrowToOutcome: 'connectionAnalytics.narrowToOutcome',
  showAllConnections: 'connectionAnalytics.showAllConnections',
  compareConnections: 'connectionAnalytics.compareConnections',
  refreshConnectedNow: 'connectionAnalytics.refreshConnectedNow',
  showConnection: 'connectionAnalytics.showConnection',
  runSuggestedQuery: 'connectionAnalytics.runSuggestedQuery',
  showSelectionEvents: 'connectionAnalytics.showSelectionEvents',
  showDebugSessionEvents: 'connectionAnalytics.showDebugSessionEvents',
  exportResults: 'connectionAnalytics.exportResults',
  openResultsAsJson: 'connectionAnalytics.openResultsAsJson',
  copyForSupport: 'connectionAnalytics.copyForSupport',
  saveQuery: 'connectionAnalytics.saveQuery',
  runSavedQuery: 'connectionAnalytics.runSavedQuery',
  deleteSavedQuery: 'connectionAnalytics.deleteSavedQuery',
  clearQueryHistory: 'connectionAnalytics.clearQueryHistory',
  toggleLiveTail: 'connectionAnalytics.toggleLiveTail',
  watchConnection: 'connectionAnalytics.watchConnection',
  unwatchConnection: 'connectionAnalytics.unwatchConnection',
  switchProfile: 'connectionAnalytics.switchProfile',
} as const;

export const Views = {
  container: 'connectionAnalytics',
  connections: 'connectionAnalytics.connections',
  /** The status endpoint's active connections. */
  connectedNow: 'connectionAnalytics.connectedNow',
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
  /**
   * `noQuery`, `notRun` (a query is current but has no result: restored after a reload, or cancelled),
   * `querying`, `empty`, `error` or `results`: which welcome content the empty tree shows.
   */
  viewState: 'connectionAnalytics.viewState',
  /** The tree shows only connections of one outcome. */
  narrowed: 'connectionAnalytics.narrowed',
  /** The Connected now view has an active set to show (possibly empty). */
  connectedNowLoaded: 'connectionAnalytics.connectedNowLoaded',
  /** An empty result was explained with a corrected query to run (Use Suggested Query). */
  hasSuggestion: 'connectionAnalytics.hasSuggestion',
  /** At least one connection is watched: Unwatch Connection is offered. */
  watching: 'connectionAnalytics.watching',
} as const;

/** `contextValue`s of tree items, matched by `viewItem ==` in the manifest's menus. */
export const TreeItemContext = {
  connection: 'connection',
  event: 'event',
  more: 'more',
  older: 'older',
  group: 'group',
} as const;

export const SERVICE_STATUS_URL = 'https://status.coinapi.io';
