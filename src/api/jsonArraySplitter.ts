/**
 * Splits the text of a JSON array, as it arrives in pieces, into the text of
 * each element, so that a large response is parsed element by element and
 * never held whole: no single giant string, no second copy of the body.
 *
 * It tracks only what decides where an element ends: strings (and their
 * escapes) and the nesting of brackets. Each element's text is then checked
 * by `JSON.parse` (the caller's), and the splitter checks what lies between
 * elements: one `[`, commas, one `]`, whitespace. Together the two accept
 * exactly the documents `JSON.parse` accepts that are arrays.
 */

/** The document is not a JSON array, or not JSON: the caller decides what to say. */
export class NotAnArrayError extends Error {
  constructor(readonly startsAsArray: boolean) {
    super(startsAsArray ? 'malformed JSON array' : 'not a JSON array');
    this.name = 'NotAnArrayError';
  }
}

const enum State {
  /** Before the `[`: whitespace only. */
  Start,
  /** After `[` or `,`: whitespace, then an element (or `]` right after `[`). */
  BeforeElement,
  /** Inside an element. */
  Element,
  /** After an element: whitespace, then `,` or `]`. */
  AfterElement,
  /** After the closing `]`: whitespace only. */
  Done,
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isWhitespace(code: number): boolean {
  // JSON's whitespace: space, tab, line feed, carriage return.
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

export class JsonArraySplitter {
  private state = State.Start;
  /** The current element's text from earlier pieces; its start in the current piece is `start`. */
  private parts: string[] = [];
  private depth = 0;
  private inString = false;
  /** The previous piece ended on a backslash inside a string: the next character is escaped. */
  private escapeNext = false;
  private sawElement = false;
  /** The next backslash in the current piece at or after the scan, its length when none: searched once per stretch, not per string. */
  private backslashAt = -1;

  /** `onElement` receives each element's text (surrounding whitespace included) in order. */
  constructor(private readonly onElement: (text: string) => void) {}

  /** The next piece of the document. Throws {@link NotAnArrayError} as soon as the text cannot be a JSON array. */
  push(text: string): void {
    let start = this.state === State.Element ? 0 : -1;
    this.backslashAt = -1;
    const length = text.length;
    let i = 0;
    while (i < length) {
      if (this.state === State.Element) {
        if (this.inString) {
          i = this.skipString(text, i);
          continue;
        }
        const code = text.charCodeAt(i);
        if (code === QUOTE) {
          this.inString = true;
        } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
          this.depth++;
        } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
          if (this.depth === 0) {
            // The array's own `]` (or a stray `}`) ends the last element.
            this.emit(text, start, i);
            if (code !== CLOSE_ARRAY) {
              throw new NotAnArrayError(true);
            }
            this.state = State.Done;
          } else {
            this.depth--;
          }
        } else if (code === COMMA && this.depth === 0) {
          this.emit(text, start, i);
          this.state = State.BeforeElement;
        }
        i++;
        continue;
      }
      const code = text.charCodeAt(i);
      if (isWhitespace(code)) {
        i++;
        continue;
      }
      switch (this.state) {
        case State.Start:
          if (code !== OPEN_ARRAY) {
            throw new NotAnArrayError(false);
          }
          this.state = State.BeforeElement;
          break;
        case State.BeforeElement:
          if (code === CLOSE_ARRAY && !this.sawElement) {
            this.state = State.Done;
            break;
          }
          this.state = State.Element;
          this.sawElement = true;
          start = i;
          continue;
        default:
          // After the closing `]`, nothing but whitespace may follow.
          throw new NotAnArrayError(true);
      }
      i++;
    }
    if (this.state === State.Element) {
      this.parts.push(start <= 0 ? text : text.slice(start));
    }
  }

  /** The end of the document: throws {@link NotAnArrayError} unless the array was closed. */
  end(): void {
    if (this.state !== State.Done) {
      throw new NotAnArrayError(this.state !== State.Start);
    }
  }

  /** Whether no character but whitespace has arrived yet. */
  get empty(): boolean {
    return this.state === State.Start;
  }

  /** From `i` inside a string: the index after its closing quote, or the piece's length if it goes on. */
  private skipString(text: string, i: number): number {
    let at = i;
    if (this.escapeNext) {
      this.escapeNext = false;
      at++;
    }
    for (;;) {
      const quote = text.indexOf('"', at);
      if (this.backslashAt < at) {
        const found = text.indexOf('\\', at);
        this.backslashAt = found === -1 ? text.length : found;
      }
      const backslash = this.backslashAt < text.length ? this.backslashAt : -1;
      if (backslash !== -1 && (quote === -1 || backslash < quote)) {
        if (backslash + 1 >= text.length) {
          this.escapeNext = true;
          return text.length;
        }
        at = backslash + 2;
        continue;
      }
      if (quote === -1) {
        return text.length;
      }
      this.inString = false;
      return quote + 1;
    }
  }

  private emit(text: string, start: number, end: number): void {
    const tail = text.slice(Math.max(start, 0), end);
    const element = this.parts.length === 0 ? tail : this.parts.join('') + tail;
    this.parts = [];
    this.depth = 0;
    this.onElement(element);
  }
}
