/**
 * Seeded, deterministic connection data for the fake Console API: the same
 * seed, size and clock give the same records, byte for byte. Timestamps are
 * kept as epoch milliseconds plus 100 ns ticks, as the real service's .NET
 * timestamps are, and written with 7 fractional digits (a few with fewer).
 */

export interface FakeEvent {
  readonly ms: number;
  readonly ticks: number;
  readonly record: EventRecord;
}

export interface EventRecord {
  eventId: string;
  connectionId: string;
  organizationId: string;
  apikeyId: string;
  host: string;
  ipAddress: string;
  protocolName: string;
  serviceName: string;
  dataCenter: string;
  eventType: string;
  eventDescription: string;
  eventTimestamp: string;
}

export interface FakeConnection {
  readonly connectionId: string;
  readonly apikeyId: string;
  readonly host: string;
  readonly ipAddress: string;
  readonly protocolName: string;
  readonly serviceName: string;
  readonly dataCenter: string;
  /** The status endpoint's form of the data center: `us-east-1/server-01`. */
  readonly dataCenterServer: string;
  /** All of the connection's events, oldest first. */
  readonly events: FakeEvent[];
  readonly closed: boolean;
  /** How the generator ended it: what a close-cause classifier must find from the disconnect alone. */
  readonly ending: FakeEnding;
}

export type FakeEnding = 'open' | 'client' | 'server' | 'timeout' | 'auth';

export interface Dataset {
  readonly organizationId: string;
  readonly apiKeyIds: readonly string[];
  readonly connections: readonly FakeConnection[];
  /** Every event, newest first (the order the server answers in). */
  readonly events: readonly FakeEvent[];
  /** The clock the data was generated against. */
  readonly generatedAt: number;
}

export interface DatasetOptions {
  readonly seed?: number;
  readonly connections?: number;
  /** Generation clock in epoch ms; defaults to now. */
  readonly now?: number;
  /** How far back connections start, in days. */
  readonly days?: number;
}

export interface ServiceProfile {
  readonly serviceName: string;
  readonly protocolName: string;
  readonly hostPrefix: string;
  readonly weight: number;
  /** Seconds between heartbeats; 0 for none. */
  readonly heartbeatSeconds: number;
  /** Median lifetime in minutes. */
  readonly medianMinutes: number;
  readonly connected: string;
  readonly closedByClient: string;
  readonly closedByServer: string;
  readonly heartbeat: string;
}

/** The services the data comes from, with the words each uses for its events. */
export const SERVICES: readonly ServiceProfile[] = [
  {
    serviceName: 'coinapi-ws',
    protocolName: 'WebSocket',
    hostPrefix: 'ws-server',
    weight: 40,
    heartbeatSeconds: 60,
    medianMinutes: 35,
    connected: 'WebSocket connection established',
    closedByClient: 'WebSocket connection closed by client',
    closedByServer: 'WebSocket connection closed by server (1001 going away: scheduled maintenance)',
    heartbeat: 'Connection heartbeat received',
  },
  {
    serviceName: 'coinapi-rest',
    protocolName: 'REST',
    hostPrefix: 'rest-server',
    weight: 25,
    heartbeatSeconds: 0,
    medianMinutes: 0.5,
    connected: 'HTTP keep-alive connection opened',
    closedByClient: 'HTTP connection closed by client',
    closedByServer: 'HTTP connection closed by server (idle timeout)',
    heartbeat: 'Connection heartbeat received',
  },
  {
    serviceName: 'coinapi-fix',
    protocolName: 'FIX',
    hostPrefix: 'fix-server',
    weight: 15,
    heartbeatSeconds: 30,
    medianMinutes: 90,
    connected: 'FIX session logon (35=A) accepted',
    closedByClient: 'FIX session logout (35=5) by client',
    closedByServer: 'FIX session logout (35=5) by server: end of trading session',
    heartbeat: 'FIX heartbeat (35=0) received',
  },
  {
    serviceName: 'exchangerate-ws',
    protocolName: 'WebSocket',
    hostPrefix: 'ws-rates',
    weight: 12,
    heartbeatSeconds: 60,
    medianMinutes: 20,
    connected: 'WebSocket connection established',
    closedByClient: 'WebSocket connection closed by client',
    closedByServer: 'WebSocket connection closed by server (1013 try again later)',
    heartbeat: 'Connection heartbeat received',
  },
  {
    serviceName: 'indexes-ws',
    protocolName: 'WebSocket',
    hostPrefix: 'ws-indexes',
    weight: 8,
    heartbeatSeconds: 60,
    medianMinutes: 60,
    connected: 'WebSocket connection established',
    closedByClient: 'WebSocket connection closed by client',
    closedByServer: 'WebSocket connection closed by server (1011 internal error)',
    heartbeat: 'Connection heartbeat received',
  },
];

const DATA_CENTERS = ['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-2', 'ap-northeast-1', 'ap-southeast-1'];
const SYMBOLS = ['BITSTAMP_SPOT_BTC_USD', 'COINBASE_SPOT_ETH_USD', 'BINANCE_SPOT_SOL_USDT', 'KRAKEN_SPOT_XRP_EUR', 'BITFINEX_SPOT_BTC_USD'];
const HEARTBEAT_TIMEOUT_SECONDS = 120;

/** mulberry32: small, fast and good enough for test data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      out += Math.floor(this.next() * 16).toString(16);
    }
    return out;
  }
  uuid(): string {
    const variant = '89ab'[this.int(0, 3)];
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
  /** Log-normal around `median`, for lifetimes. */
  logNormal(median: number, sigma: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  }
}

/** `2026-04-20T19:30:38.5509677Z`, or with fewer fractional digits when `digits` < 7. */
export function formatTimestamp(ms: number, ticks: number, digits = 7): string {
  const iso = new Date(ms).toISOString(); // 2026-04-20T19:30:38.550Z
  const fraction = `${iso.slice(20, 23)}${String(ticks).padStart(4, '0')}`.slice(0, digits);
  return digits === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${fraction}Z`;
}

/**
 * A dataset of given records (any order; served newest first), for workloads the generator cannot
 * make quickly, such as the benches' 100,000 events over 10,000 connections. It has events only:
 * no connections, so the status and summary endpoints answer with none.
 */
export function datasetOfRecords(records: readonly EventRecord[], now = Date.now()): Dataset {
  const events = records.map((record): FakeEvent => {
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z$/.exec(record.eventTimestamp);
    if (!match) {
      throw new Error(`eventTimestamp of ${record.eventId} is not of the form 2026-04-20T19:30:38.5509677Z: ${record.eventTimestamp}`);
    }
    const fraction = (match[2] ?? '').padEnd(7, '0');
    return { ms: Date.parse(`${match[1]}Z`) + Number(fraction.slice(0, 3)), ticks: Number(fraction.slice(3)), record };
  });
  events.sort((a, b) => b.ms - a.ms || b.ticks - a.ticks);
  return {
    organizationId: records[0]?.organizationId ?? '',
    apiKeyIds: [...new Set(records.map((r) => r.apikeyId))],
    connections: [],
    events,
    generatedAt: now,
  };
}

export function generateDataset(options: DatasetOptions = {}): Dataset {
  const random = new Random(prng(options.seed ?? 1));
  const now = options.now ?? Date.now();
  const days = options.days ?? 3;
  const connectionCount = options.connections ?? 400;
  const organizationId = random.uuid();
  const apiKeyIds = Array.from({ length: 6 }, () => random.uuid());
  const totalWeight = SERVICES.reduce((sum, s) => sum + s.weight, 0);

  const connections: FakeConnection[] = [];
  const all: FakeEvent[] = [];
  for (let n = 0; n < connectionCount; n++) {
    let roll = random.next() * totalWeight;
    const profile = SERVICES.find((s) => (roll -= s.weight) < 0) ?? SERVICES[0]!;
    const connection = generateConnection(random, profile, { now, days, organizationId, apiKeyIds });
    connections.push(connection);
    all.push(...connection.events);
  }
  all.sort((a, b) => b.ms - a.ms || b.ticks - a.ticks);
  return { organizationId, apiKeyIds, connections, events: all, generatedAt: now };
}

interface Context {
  readonly now: number;
  readonly days: number;
  readonly organizationId: string;
  readonly apiKeyIds: readonly string[];
}

function generateConnection(random: Random, profile: ServiceProfile, context: Context): FakeConnection {
  const { now } = context;
  const dataCenter = random.pick(DATA_CENTERS);
  const server = String(random.int(1, 4)).padStart(2, '0');
  const host = `${profile.hostPrefix}-${server}.${dataCenter}.coinapi.io`;
  const ipAddress = random.chance(0.7)
    ? `${random.pick(['203.0.113', '198.51.100', '192.0.2'])}.${random.int(1, 254)}`
    : `2001:db8:${random.hex(4)}:${random.int(1, 255).toString(16)}::${random.hex(3)}`;
  const base = {
    connectionId: `conn_${random.hex(16)}`,
    organizationId: context.organizationId,
    apikeyId: random.pick(context.apiKeyIds),
    host,
    ipAddress,
    protocolName: profile.protocolName,
    serviceName: profile.serviceName,
    dataCenter,
  };

  // Some long-lived connections are still open now; the rest ended at some point in the window.
  const stillOpen = profile.heartbeatSeconds > 0 && random.chance(0.15);
  const lifetimeMs = Math.min(random.logNormal(profile.medianMinutes, 1.1) * 60_000, 12 * 3_600_000) + random.int(200, 5000);
  const start = stillOpen ? now - Math.min(lifetimeMs, 12 * 3_600_000) : now - random.int(10 * 60_000, context.days * 86_400_000);
  const end = stillOpen ? now - random.int(0, 30_000) : Math.min(start + lifetimeMs, now - random.int(1_000, 60_000));

  const events: FakeEvent[] = [];
  const add = (ms: number, eventType: string, eventDescription: string) => {
    const ticks = random.int(0, 9999);
    // A few records come from services that write fewer fractional digits.
    const digits = random.chance(0.03) ? random.pick([0, 3, 6]) : 7;
    const record: EventRecord = {
      eventId: random.uuid(),
      ...base,
      eventType,
      eventDescription,
      eventTimestamp: formatTimestamp(Math.floor(ms), ticks, digits),
    };
    // What the record says is what the server filters and sorts on.
    const keptTicks = digits >= 7 ? ticks : digits > 3 ? Math.floor(ticks / 10 ** (7 - digits)) * 10 ** (7 - digits) : 0;
    const keptMs = digits >= 3 ? Math.floor(ms) : Math.floor(ms / 1000) * 1000;
    events.push({ ms: keptMs, ticks: keptTicks, record });
  };

  const authFails = random.chance(0.04);
  add(start, 'connect', profile.connected);
  if (authFails) {
    add(start + random.int(5, 80), 'auth_failed', 'Authentication failed: API key is revoked or does not exist');
    add(start + random.int(100, 300), 'disconnect', 'Connection rejected: authentication failed');
    return { ...base, dataCenterServer: `${dataCenter}/server-${server}`, events, closed: true, ending: 'auth' };
  }
  if (profile.protocolName === 'WebSocket' && random.chance(0.6)) {
    add(
      start + random.int(50, 900),
      'subscribe',
      `Subscribed to ${random.pick(['trade', 'quote', 'book5', 'ohlcv'])} for ${random.pick(SYMBOLS)}`,
    );
  }
  if (profile.protocolName === 'REST' && random.chance(0.2)) {
    add(start + random.int(100, 2000), 'rate_limited', 'Request rejected: rate limit exceeded (429)');
  }

  // How it ends: by the client, by the server, or by the heartbeat timeout after a silence.
  const outcome = stillOpen ? 'open' : pickOutcome(random, profile);
  const silenceFrom = outcome === 'timeout' ? end - HEARTBEAT_TIMEOUT_SECONDS * 1000 - random.int(0, 30_000) : undefined;
  // Some connections miss heartbeats for a while and recover.
  const gap =
    profile.heartbeatSeconds > 0 && random.chance(0.12) && end - start > 20 * 60_000
      ? { from: start + (end - start) * 0.4, to: start + (end - start) * 0.4 + random.int(3, 9) * 60_000 }
      : undefined;

  if (profile.heartbeatSeconds > 0) {
    const interval = profile.heartbeatSeconds * 1000;
    for (let t = start + interval; t + 1000 < end; t += interval) {
      if (silenceFrom !== undefined && t >= silenceFrom) {
        break;
      }
      if (gap && t >= gap.from && t < gap.to) {
        continue;
      }
      add(t + random.int(0, 400), 'heartbeat', profile.heartbeat);
      if (random.chance(0.002)) {
        add(t + random.int(500, 5000), 'error', `Upstream feed error: ${random.pick(SYMBOLS).split('_')[0]} unavailable, data delayed`);
      }
    }
  }

  switch (outcome) {
    case 'client':
      add(end, 'disconnect', profile.closedByClient);
      break;
    case 'server':
      add(end, 'disconnect', profile.closedByServer);
      break;
    case 'timeout':
      add(end, 'disconnect', `Connection closed: no heartbeat for ${HEARTBEAT_TIMEOUT_SECONDS} s (timeout)`);
      break;
    case 'open':
      break;
  }
  events.sort((a, b) => a.ms - b.ms || a.ticks - b.ticks);
  return { ...base, dataCenterServer: `${dataCenter}/server-${server}`, events, closed: outcome !== 'open', ending: outcome };
}

function pickOutcome(random: Random, profile: ServiceProfile): 'client' | 'server' | 'timeout' {
  const roll = random.next();
  if (profile.heartbeatSeconds === 0) {
    return roll < 0.8 ? 'client' : 'server';
  }
  return roll < 0.65 ? 'client' : roll < 0.82 ? 'server' : 'timeout';
}

/**
 * Events that happen at `atMs`, for data that moves (the live tail's tests and the demo): a
 * heartbeat of each of up to `count` connections still open, with new IDs; `serial` makes the
 * IDs and the sub-millisecond ticks differ from call to call.
 */
export function liveHeartbeats(dataset: Dataset, atMs: number, count: number, serial: number): EventRecord[] {
  const open = dataset.connections.filter((c) => !c.closed);
  const out: EventRecord[] = [];
  for (let i = 0; i < Math.min(count, open.length); i++) {
    const c = open[(serial * count + i) % open.length]!;
    const last = c.events[c.events.length - 1]!.record;
    out.push({
      ...last,
      eventId: `evt_live_${serial}_${i}`,
      eventType: 'heartbeat',
      eventDescription: SERVICES.find((s) => s.serviceName === c.serviceName)?.heartbeat ?? 'Connection heartbeat received',
      eventTimestamp: formatTimestamp(atMs, (serial * 7919 + i * 613) % 10_000),
    });
  }
  return out;
}
