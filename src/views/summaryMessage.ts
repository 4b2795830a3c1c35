import type { SummaryStatus } from '../services/summaryFeed';
import type { SummaryMessage } from '../shared/protocol';

/** The panel's message for the summary's status. */
export function summaryMessage(status: SummaryStatus): SummaryMessage {
  return {
    type: 'summary',
    state: status.state,
    totals: status.state === 'ok' ? status.totals : undefined,
    error: status.state === 'failed' ? status.message : undefined,
  };
}
