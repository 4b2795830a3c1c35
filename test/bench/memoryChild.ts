import * as fs from 'node:fs';
import { Agent } from 'undici';
import { ConsoleApiClient } from '../../src/api/client';
import { NO_RETRY } from '../../src/api/retry';
import { groupByConnection } from '../../src/core/grouping';

/**
 * One load of `size` events from the body server at `url`, in a process of
 * its own (started with --expose-gc by memorySuite.ts): the heap the kept
 * records and their grouping hold, and the process's peak RSS. Prints JSON.
 */
async function main(): Promise<void> {
  const [url, size] = [process.argv[2]!, Number(process.argv[3])];
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('run with --expose-gc');
  }
  const dispatcher = new Agent();
  const client = new ConsoleApiClient({
    baseUrl: url,
    apiKey: 'bench-key-0123456789',
    dispatcher,
    retry: NO_RETRY,
    maxResponseBytes: 2 ** 30,
    timeoutMs: 600_000,
  });
  // undici and the code paths loaded before the baseline, so that the difference is the data.
  await client.queryEvents({ limit: 1_000 });
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = await client.queryEvents({ limit: size });
  const connections = groupByConnection(result.records, { rangeEndMs: Date.UTC(2026, 3, 20) });
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  await dispatcher.close();
  process.stdout.write(
    JSON.stringify({
      heapBytes: after - before,
      records: result.records.length,
      connections: connections.length,
      peakRssBytes: peakRssBytes(),
    }),
  );
}

/**
 * The process's peak RSS. On Linux VmHWM, which starts afresh with the program: getrusage's maxRSS would
 * report the forking parent's size (the bench's, with its bodies) for a child that never reached it.
 */
function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) {
      return Number(match[1]) * 1024;
    }
  } catch {
    // Not Linux: maxRSS below.
  }
  return process.resourceUsage().maxRSS * 1024;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
