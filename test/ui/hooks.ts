import { FakeConsoleApi, type FakeApiOptions } from '../fake-api/server';
import { Workbench } from '../vscode/workbench';

/** What a UI suite works with: its own fake Console API and a workbench pointed at it. */
export interface UiSession {
  readonly api: FakeConsoleApi;
  readonly workbench: Workbench;
}

/**
 * The hooks every UI suite shares: start a fake Console API and open the
 * packaged extension in a fresh workbench pointed at it; on a failed test,
 * print a screenshot path and the tail of code-server's log; close both at
 * the end. Call inside `describe`; read the session in tests and hooks.
 */
export function useWorkbench(
  name: string,
  options: { readonly api: FakeApiOptions; readonly settings?: Record<string, unknown>; readonly colorTheme?: string },
): () => UiSession {
  let session: UiSession | undefined;
  let api: FakeConsoleApi | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    api = await FakeConsoleApi.start(options.api);
    workbench = await Workbench.open({
      settings: { 'connectionAnalytics.baseUrl': api.url, ...options.settings },
      colorTheme: options.colorTheme,
    });
    session = { api, workbench };
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      console.error(await workbench.report(`ui-${name}-${this.currentTest.title.replace(/\W+/g, '-')}`));
    }
  });

  after(async () => {
    await workbench?.close();
    await api?.close();
  });

  return () => {
    if (!session) {
      throw new Error('the workbench is not open: useWorkbench() must be called inside describe()');
    }
    return session;
  };
}
