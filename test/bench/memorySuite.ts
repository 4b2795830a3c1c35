import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { BodyServer, eventBody } from './eventBodies';
import { median, type BenchContext, type Figure } from './figures';

/**
 * Memory, each round in a fresh process (memoryChild.ts, --expose-gc): the
 * heap the loaded events hold after a full GC, relative to their JSON's size,
 * and the peak RSS of the whole load. The body server stays in this process.
 */
const MIB = 1024 * 1024;

interface ChildReport {
  readonly heapBytes: number;
  readonly records: number;
  readonly peakRssBytes: number;
}

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const size of ctx.sizes) {
    const body = eventBody(size);
    const server = await BodyServer.start([body, eventBody(1_000)]);
    try {
      const reports: ChildReport[] = [];
      for (let i = 0; i < ctx.rounds; i++) {
        reports.push(await child(server.url, size));
      }
      if (reports.some((r) => r.records !== size)) {
        throw new Error(`memory: expected ${size} records, got ${reports.map((r) => r.records).join(', ')}`);
      }
      figures.push(
        {
          name: 'heap held after loading ÷ JSON size',
          size,
          value: median(reports.map((r) => r.heapBytes)) / body.bytes,
          unit: 'ratio',
          budget: size >= 10_000 ? { max: 3, quick: 4 } : undefined,
        },
        { name: 'JSON size', size, value: body.bytes / MIB, unit: 'MiB' },
        {
          name: 'peak RSS of the load',
          size,
          value: median(reports.map((r) => r.peakRssBytes)) / MIB,
          unit: 'MiB',
        },
      );
    } finally {
      await server.close();
    }
  }
  return figures;
}

async function child(url: string, size: number): Promise<ChildReport> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', path.join(__dirname, 'memoryChild.js'), url, String(size)],
    { maxBuffer: MIB },
  );
  return JSON.parse(stdout) as ChildReport;
}
