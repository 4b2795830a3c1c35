import * as vscode from 'vscode';

/**
 * A multi-step input in the quick input widget, as in VS Code's extension
 * samples: each step shows one quick pick or input box with "step N of M"
 * and a Back button, validates as the user types, and returns the next step.
 * {@link runSteps} walks the steps, going back on Back and stopping on Escape.
 */

/** One step: shows its input, and resolves to the next step, or undefined when it was the last. */
export type Step = () => Promise<Step | undefined>;

/** What a step rejects with when the user pressed Back: {@link runSteps} then shows the step before. */
class GoBack extends Error {}
const BACK = new GoBack('back');

/** Runs steps until one returns undefined (completed) or the user cancels (false). */
export async function runSteps(first: Step): Promise<boolean> {
  const history: Step[] = [];
  let current: Step | undefined = first;
  while (current) {
    try {
      const next: Step | undefined = await current();
      history.push(current);
      current = next;
    } catch (error) {
      if (error === BACK) {
        current = history.pop();
        continue;
      }
      if (error instanceof vscode.CancellationError) {
        return false;
      }
      throw error;
    }
  }
  return true;
}

export interface StepOptions {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly placeholder?: string;
  readonly canGoBack?: boolean;
}

export function pickOne<T extends vscode.QuickPickItem>(items: T[], options: StepOptions & { active?: T }): Promise<T> {
  return showPick(items, options, false).then((selection) => selection[0]!);
}

export function pickMany<T extends vscode.QuickPickItem>(items: T[], options: StepOptions): Promise<T[]> {
  return showPick(items, options, true);
}

function showPick<T extends vscode.QuickPickItem>(items: T[], options: StepOptions & { active?: T }, canPickMany: boolean): Promise<T[]> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = canPickMany;
  pick.ignoreFocusOut = true;
  pick.items = items;
  if (canPickMany) {
    pick.selectedItems = items.filter((i) => i.picked);
  } else if (options.active) {
    pick.activeItems = [options.active];
  }
  pick.buttons = options.canGoBack === false ? [] : [vscode.QuickInputButtons.Back];
  return settle(pick, (resolve) => [
    pick.onDidAccept(() => {
      const selection = canPickMany ? [...pick.selectedItems] : [...pick.activeItems];
      if (canPickMany || selection.length > 0) {
        resolve(selection);
      }
    }),
  ]);
}

export function inputText(
  options: StepOptions & { value: string; prompt: string; validate: (text: string) => string | undefined },
): Promise<string> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.value = options.value;
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.ignoreFocusOut = true;
  box.buttons = [vscode.QuickInputButtons.Back];
  box.validationMessage = options.value === '' ? undefined : options.validate(options.value);
  return settle(box, (resolve) => [
    box.onDidChangeValue((text) => {
      box.validationMessage = options.validate(text);
    }),
    box.onDidAccept(() => {
      const message = options.validate(box.value);
      box.validationMessage = message;
      if (message === undefined) {
        resolve(box.value);
      }
    }),
  ]);
}

/** The part of a QuickPick or InputBox that {@link settle} uses. */
interface StepInput {
  readonly onDidTriggerButton: vscode.Event<vscode.QuickInputButton>;
  readonly onDidHide: vscode.Event<void>;
  show(): void;
  dispose(): void;
}

/** Shows `input` and settles on accept (through `wire`), Back (rejects with BACK) or hide (rejects with cancellation). */
function settle<T>(input: StepInput, wire: (resolve: (value: T) => void) => vscode.Disposable[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (action: () => void) => {
      if (settled) {
        return;
      }
      settled = true;
      action();
      for (const d of disposables) {
        d.dispose();
      }
      input.dispose();
    };
    disposables.push(
      ...wire((value) => finish(() => resolve(value))),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          finish(() => reject(BACK));
        }
      }),
      input.onDidHide(() => finish(() => reject(new vscode.CancellationError()))),
    );
    input.show();
  });
}
