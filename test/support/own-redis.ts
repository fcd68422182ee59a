import { ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/**
 * A Redis of the suite's own (the machine's `redis-server` on a free loopback port, nothing kept on
 * disk), so stopping it disturbs no other suite; stopped by the pid it started.
 */
export class OwnRedis {
  private proc?: ChildProcess;
  constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis-server did not start');
  }

  /** Kills it (its data goes with it, as a crashed Redis without persistence loses its queues). */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p) return;
    await new Promise((r) => {
      p.once('exit', r);
      p.kill('SIGKILL');
    });
    this.proc = undefined;
  }
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
