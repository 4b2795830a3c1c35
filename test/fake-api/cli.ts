import { parseArgs } from 'node:util';
import { FakeConsoleApi } from './server';

/**
 * `npm run fake-api -- --port 3000 [--key demo] [--seed 1] [--connections 400]`
 * Serves the fake Console API on 127.0.0.1 until stopped.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      key: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '1' },
      connections: { type: 'string', default: '400' },
      days: { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run fake-api -- [--port N] [--key KEY] [--seed N] [--connections N] [--days N]');
    return;
  }
  const number = (name: string, text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(`--${name} must be a whole number, got "${text}"`);
    }
    return n;
  };
  const api = await FakeConsoleApi.start({
    port: number('port', values.port),
    key: values.key,
    seed: number('seed', values.seed),
    connections: number('connections', values.connections),
    days: number('days', values.days),
  });
  console.log(`Fake Console API: ${api.url}`);
  console.log(`API key:          ${api.key}`);
  console.log(`Data:             ${api.dataset.connections.length} connections, ${api.dataset.events.length} events (seed ${values.seed})`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
