import { ReadReplica, runMigrations } from '@app/core';
import { CHATGPT } from './support/consent-fixtures';
import { neisCsv, schoolId } from './support/fixtures';
import { PgPair, pgPairAvailable, startPgPair } from './support/pg-replica';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const DB = 'aiedu_replica';
const NEW_SCHOOL = '서울복제초등학교';

// Needs the PostgreSQL server binaries with pg_basebackup (PG_BINDIR, or pg_config's bindir, or pg_ctl on PATH).
const available = pgPairAvailable();
if (!available) console.warn('read-replica: skipped, no initdb/pg_ctl/pg_basebackup here (set PG_BINDIR)');

/**
 * DATABASE_REPLICA_URL: a real streaming replica (pg_basebackup of a primary of our own), the api
 * reading its lists and reports from it and everything else from the primary. Replay on the replica
 * is paused while the test writes: what a request then shows tells which server answered it.
 */
(available ? describe : describe.skip)('read replica (DATABASE_REPLICA_URL)', () => {
  let pg: PgPair;
  let app: TestApp;
  let admin: Client;
  let replica: ReadReplica;

  const listed = async (): Promise<string[]> => {
    const res = await admin.get(`/api/v1/schools?q=${encodeURIComponent('복제')}`);
    expect(res.status).toBe(200);
    return res.body.items.map((s: { name: string }) => s.name);
  };
  const schoolsInRegistry = async (): Promise<number> => {
    const res = await admin.get('/api/v1/classrooms/stats');
    expect(res.status).toBe(200);
    return res.body.coverage.schoolsInRegistry;
  };

  const until = async (what: string, probe: () => Promise<boolean>) => {
    for (const end = Date.now() + 30_000; !(await probe()); await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    }
  };

  beforeAll(async () => {
    pg = await startPgPair(async ({ primaryUrl, query }) => {
      await query('primary', `CREATE DATABASE ${DB}`);
      await query('primary', `ALTER DATABASE ${DB} SET TimeZone = 'UTC'`);
      // Roles, grants and rows travel to the replica with the base backup (and with the WAL after it).
      await runMigrations(primaryUrl(DB));
    });
    app = await startTestApp({
      env: { DATABASE_URL: pg.primaryUrl(DB), DATABASE_REPLICA_URL: pg.replicaUrl(DB, 'aiedu_app') },
    });
    replica = app.api.get(ReadReplica);
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    await pg.caughtUp();
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    await pg?.destroy();
  });

  it('runs the api on the primary, as the app role, with a pool on the replica', async () => {
    expect(replica.configured).toBe(true);
    const [{ server }] = await app.db.query(`SELECT inet_server_port() AS server`);
    expect(server).toBe(pg.primaryPort);
    const [standby] = await pg.query('replica', `SELECT pg_is_in_recovery() AS recovery`);
    expect(standby.recovery).toBe(true);
  });

  it('serves the school list and classroom statistics from the replica, and a write and its read-back from the primary', async () => {
    expect(await listed()).toEqual([]);
    const registry = await schoolsInRegistry();
    const before = { ...replica.served };

    await pg.query('replica', `SELECT pg_wal_replay_pause()`);
    await until('replay to pause', async () => (await pg.query('replica', `SELECT pg_get_wal_replay_pause_state() AS state`))[0].state === 'paused');

    // The write goes to the primary, and so does reading the new school back.
    const imported = await admin.upload('/api/v1/schools/import', neisCsv([['7019999', NEW_SCHOOL, '초등학교', '공립', '서울특별시 마포구 월드컵로 9']]), 'schoolInfo.csv');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ inserted: 1 });
    const id = await schoolId(app.db, NEW_SCHOOL);
    const one = await admin.get(`/api/v1/schools/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ name: NEW_SCHOOL, district: '마포구' });

    // The list and the statistics come from the replica, held before the write.
    expect(await listed()).toEqual([]);
    expect(await schoolsInRegistry()).toBe(registry);
    expect(replica.served.replica).toBeGreaterThan(before.replica);
    expect(replica.served).toMatchObject({ primary: before.primary, fallback: before.fallback });
    const sessions = await pg.query('replica', `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'aiedu_app' AND datname = $1`, [DB]);
    expect(sessions[0].n).toBeGreaterThan(0);

    // Replay resumes: the replica catches up, and so do the list and the statistics.
    await pg.query('replica', `SELECT pg_wal_replay_resume()`);
    await pg.caughtUp();
    // Replayed is not yet visible to a new snapshot on a hot standby at once on a busy machine: a replica is eventually current.
    await until('the replica to show the new school', async () => (await listed()).includes(NEW_SCHOOL));
    expect(await listed()).toEqual([NEW_SCHOOL]);
    expect(await schoolsInRegistry()).toBe(registry + 1);
  });

  it('serves the consent overview from the replica', async () => {
    const service = await admin.post('/api/v1/consent/services', CHATGPT);
    expect(service.status).toBe(201);
    await pg.caughtUp();
    const before = replica.served.replica;
    const res = await admin.get(`/api/v1/consent/overview?serviceId=${service.body.id}`);
    expect(res.status).toBe(200);
    // The records and the kept year-end figures: two reads on the replica (the service itself is read on the primary).
    expect(replica.served.replica).toBe(before + 2);
  });

  it('falls back to the primary when the replica is gone', async () => {
    await pg.stopReplica();
    const before = replica.served.fallback;
    expect(await listed()).toEqual([NEW_SCHOOL]);
    expect(replica.served.fallback).toBeGreaterThan(before);
  });
});
