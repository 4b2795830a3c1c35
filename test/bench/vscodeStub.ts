import Module from 'node:module';

/**
 * Just enough of the `vscode` module for the tree provider to run in plain Node, so the bench
 * times its real getChildren/getTreeItem. Installed only by the bench, only for the id `vscode`.
 */
class EventEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) {
      listener(value);
    }
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  accessibilityInformation?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}

const stub = {
  EventEmitter,
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon: class {
    constructor(
      readonly id: string,
      readonly color?: unknown,
    ) {}
  },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  // The heartbeat-gap decoration's resource URI on a connection row.
  Uri: { from: (components: Record<string, string>) => ({ ...components, toString: () => `${components.scheme}:${components.path}` }) },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
};

let installed = false;

/** Makes `require('vscode')` return the stub from now on. */
export function installVscodeStub(): void {
  if (installed) {
    return;
  }
  installed = true;
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = loader._load.bind(loader);
  loader._load = (request, parent, isMain) => (request === 'vscode' ? stub : load(request, parent, isMain));
}
