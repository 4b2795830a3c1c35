/** The part of `vscode.Disposable` that core needs, so core stays free of `vscode`. */
export interface Disposable {
  dispose(): void;
}

/** A minimal event emitter with the shape of `vscode.Event`, so views subscribe to core the usual way. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
