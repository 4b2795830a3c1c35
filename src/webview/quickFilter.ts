import * as l10n from '@vscode/l10n';
import type { ConnectionFilter } from '../shared/protocol';
import { h } from './dom';

/**
 * The quick filter over the loaded events, and who put its text there. A
 * filter the user typed is theirs and stays, as a log viewer's filter does,
 * whatever they query next. Show Connection's narrowing to a connection is
 * for that connection's query: the result of another query clears it; a
 * refresh or Load Older of the same query (the same form) keeps it.
 */
export class QuickFilter {
  readonly input = h('input', {
    attrs: {
      type: 'search',
      placeholder: l10n.t('Filter loaded events'),
      'aria-label': l10n.t('Filter loaded events'),
      spellcheck: 'false',
    },
  });

  constructor(
    text: string,
    private narrowing: ConnectionFilter | undefined,
    /** The text the user typed or cleared with Escape; the caller refreshes the table. */
    onEdit: (text: string) => void,
    onArrowDown: () => void,
  ) {
    this.input.value = text;
    if (narrowing?.text !== text) {
      this.narrowing = undefined;
    }
    this.input.addEventListener('input', () => {
      this.narrowing = undefined;
      onEdit(this.input.value);
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.input.value !== '') {
        this.clear();
        onEdit('');
        event.stopPropagation();
      } else if (event.key === 'ArrowDown') {
        onArrowDown();
        event.preventDefault();
      }
    });
  }

  get text(): string {
    return this.input.value;
  }

  /** Show Connection's narrowing, for the result shown: that of the query `queryKey`. */
  get connectionFilter(): ConnectionFilter | undefined {
    return this.narrowing;
  }

  /** Narrows to a connection for the query `queryKey` (the form's query as JSON). */
  narrow(connectionId: string, queryKey: string): void {
    this.input.value = connectionId;
    this.narrowing = { text: connectionId, queryKey };
  }

  clear(): void {
    this.input.value = '';
    this.narrowing = undefined;
  }

  /** A result of the query `queryKey` arrived: a narrowing made for another query ends. Says whether the text changed. */
  resultOf(queryKey: string): boolean {
    if (this.narrowing === undefined || this.narrowing.queryKey === queryKey) {
      return false;
    }
    this.clear();
    return true;
  }

  focus(): void {
    this.input.focus();
  }
}
