/**
 * The real api in a child process of its own, so that its RSS (read from /proc) is the api's alone,
 * not the load generator's or the migrations'. Used by the benchmarks that report api memory.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { startBenchApi } from './bench-db';

export const MB = 1024 * 1024;

export interface Usage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

type ToChild = { type: 'usage'; gc: boolean; id: number } | { type: 'close' };
type FromChild = { type: 'ready'; baseUrl: string; email: string; password: string } | { type: 'usage'; id: number; usage: Usage; modules: number };

/** The api process: starts the api, then answers usage requests until told to close. */
async function serve(): Promise<void> {
  const POOL_SIZE = Number(process.env.BENCH_CHILD_POOL_SIZE);
  const gc = (globalThis as { gc?: () => void }).gc;
  const bench = await startBenchApi(process.env.BENCH_CHILD_DATABASE_URL!, process.env.BENCH_CHILD_QUEUE_PREFIX!, POOL_SIZE);
  process.on('message', (m: ToChild) => {
    if (m.type === 'close') {
      void bench.app.close().finally(() => process.exit(0));
      return;
    }
    if (m.gc && gc) {
      gc();
      gc();
    }
    process.send!({ type: 'usage', id: m.id, usage: process.memoryUsage(), modules: Object.keys(require.cache).length } satisfies FromChild);
  });
  // The parent handles Ctrl-C (it closes this process, then drops the database).
  process.on('SIGINT', () => undefined);
  process.send!({ type: 'ready', baseUrl: bench.baseUrl, email: bench.admin.email, password: bench.admin.password } satisfies FromChild);
}

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc (Linux). */
export function procRss(pid: number): { rss: number; hwm: number } | null {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

export class ApiProcess {
  private nextId = 1;
  private waiting = new Map<number, (m: { usage: Usage; modules: number }) => void>();
  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromChild) => {
      if (m.type === 'usage') this.waiting.get(m.id)?.(m), this.waiting.delete(m.id);
    });
  }

  static start(databaseUrl: string, queuePrefix: string, opts: { poolSize: number; nodeFlags?: string[] }): Promise<{ api: ApiProcess; ready: Extract<FromChild, { type: 'ready' }> }> {
    const child = fork(__filename, ['--serve'], {
      execArgv: ['--expose-gc', ...(opts.nodeFlags ?? [])],
      env: { ...process.env, BENCH_CHILD_DATABASE_URL: databaseUrl, BENCH_CHILD_QUEUE_PREFIX: queuePrefix, BENCH_CHILD_POOL_SIZE: String(opts.poolSize) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the api process exited (${code}) before it was ready`)));
      child.once('message', (m: FromChild) => {
        if (m.type === 'ready') resolve({ api: new ApiProcess(child), ready: m });
      });
    });
  }

  usage(gc: boolean): Promise<{ usage: Usage; modules: number }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ type: 'usage', gc, id } satisfies ToChild);
    });
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      this.child.once('exit', () => (clearTimeout(kill), resolve()));
      this.child.send({ type: 'close' } satisfies ToChild);
    });
  }
}


/** Peak VmRSS of a process while `work` runs, sampled every 50 ms, with the peak of every second. */
export async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number; samples: number; perSecond: number[] }> {
  let peak = 0;
  let samples = 0;
  const start = Date.now();
  const perSecond: number[] = [];
  const sampler = setInterval(() => {
    const r = procRss(pid);
    if (!r) return;
    samples++;
    peak = Math.max(peak, r.rss);
    const s = Math.floor((Date.now() - start) / 1000);
    perSecond[s] = Math.max(perSecond[s] ?? 0, r.rss);
  }, 50);
  try {
    return { result: await work(), peak, samples, perSecond };
  } finally {
    clearInterval(sampler);
  }
}


if (process.argv[2] === '--serve') {
  serve().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
