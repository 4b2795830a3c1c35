import { DEFAULT_VIEW, type TableView } from '../core/table';

/**
 * What the events panel's page shows, as it last told the host: the table's filters (the quick
 * filter's text and the types turned off) and the event selected. Export Results' "shown" scope
 * applies these filters to the result with the page's own rule (core/table's isShown); Copy for
 * Support takes the selected event's connection. A closed panel shows everything again.
 */
export class PanelView {
  filter: Pick<TableView, 'text' | 'excludedTypes'> = DEFAULT_VIEW;
  selectedEventId: string | undefined;

  reset(): void {
    this.filter = DEFAULT_VIEW;
    this.selectedEventId = undefined;
  }
}
