import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { canConnect, freePort } from './own-redis';

const run = promisify(execFile);

/**
 * A Redis Cluster of the suite's own: `masters` redis-server processes (the machine's binary) on free
 * loopback ports, no replicas, nothing kept beyond a temporary directory; stopped by the pids it started.
 */
export class OwnRedisCluster {
  private procs: ChildProcess[] = [];
  readonly ports: number[] = [];
  /** A suite that ends by process.exit (no afterAll) still takes its servers with it. */
  private readonly onExit = () => {
    for (const p of this.procs) p.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  };
  private constructor(private readonly dir: string) {
    process.once('exit', this.onExit);
  }

  /** `host:port,…` as REDIS_CLUSTER_NODES takes it. */
  get nodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  static async start(masters = 3): Promise<OwnRedisCluster> {
    const cluster = new OwnRedisCluster(mkdtempSync(join(tmpdir(), 'aiedu-redis-cluster-')));
    try {
      await cluster.boot(masters);
      return cluster;
    } catch (e) {
      await cluster.stop();
      throw e;
    }
  }

  private async boot(masters: number): Promise<void> {
    // Redis 7 takes each node's bus port (`cluster-port`); before, it is port + 10000, which must be free too.
    const { stdout } = await run('redis-server', ['--version']);
    const busOption = Number(/v=(\d+)/.exec(stdout)?.[1] ?? 0) >= 7;
    const taken = new Set<number>();
    for (let i = 0; i < masters; i++) {
      let port: number;
      let bus: number;
      do {
        port = await freePort();
        bus = busOption ? await freePort() : port + 10_000;
      } while (taken.has(port) || taken.has(bus) || port === bus || bus > 65_535 || (!busOption && !(await isFree(bus))));
      taken.add(port).add(bus);
      this.ports.push(port);
      // prettier-ignore
      this.procs.push(spawn('redis-server', [
        '--port', String(port), ...(busOption ? ['--cluster-port', String(bus)] : []), '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes', '--cluster-config-file', join(this.dir, `nodes-${port}.conf`),
        '--save', '', '--appendonly', 'no', '--dir', this.dir,
      ], { stdio: 'ignore' }));
    }
    for (const port of this.ports) await waitFor(() => canConnect(port), `redis-server on ${port}`);
    await run('redis-cli', ['--cluster', 'create', ...this.ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 20_000 });
    // Every node must see the whole cluster (all slots served) before clients refresh their slot map.
    for (const port of this.ports) {
      await waitFor(async () => (await this.cli(port, 'cluster', 'info')).includes('cluster_state:ok'), `cluster state ok on ${port}`);
    }
  }

  async cli(port: number, ...args: string[]): Promise<string> {
    return (await run('redis-cli', ['-p', String(port), ...args], { timeout: 5_000 })).stdout;
  }

  /** Keys on every master (each holds only its slots' keys). */
  async keys(pattern: string): Promise<string[]> {
    const all = await Promise.all(this.ports.map((p) => this.cli(p, '--scan', '--pattern', pattern)));
    return all.flatMap((out) => out.split('\n').filter(Boolean));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve(undefined);
            p.once('exit', resolve);
            p.kill('SIGKILL');
          }),
      ),
    );
    this.procs = [];
    rmSync(this.dir, { recursive: true, force: true });
    process.removeListener('exit', this.onExit);
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
