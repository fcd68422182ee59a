import type { Client } from 'pg';

/** Owns every table, function and sequence; migrations run as it. Never logs in. */
export const OWNER_ROLE = 'aiedu_owner';
/** What api, worker and cli connect as: reads and writes rows, and nothing more. */
export const APP_ROLE = 'aiedu_app';

/**
 * Tables whose rows are history: the app role may read and append, never change or remove (and
 * their triggers refuse changes from anyone). TRUNCATE, ALTER and triggers are the owner's alone
 * on every table. Personal data in them is destroyed on schedule only through the owner's SECURITY
 * DEFINER functions privacy_destroy_consent_records and privacy_destroy_access_log (migration
 * PrivacyLifecycle).
 */
export const APPEND_ONLY_TABLES = ['audit_log', 'consent_records', 'access_log', 'destruction_register'] as const;

/** History whose rows the app role updates only along the process's transitions (triggers), never deletes. */
export const NEVER_DELETED_TABLES = ['designations', 'designation_applications'] as const;

/** The app's connection: DATABASE_APP_URL, or DATABASE_URL logged in as the app role. */
export function appDatabaseUrl(databaseUrl: string, appUrl?: string, appPassword?: string): string {
  if (appUrl) return appUrl;
  const u = new URL(databaseUrl);
  u.username = APP_ROLE;
  u.password = appPassword ? encodeURIComponent(appPassword) : '';
  return u.toString();
}

/** The migrations' connection: DATABASE_URL acting as the owner role, so what they create belongs to it. */
export function ownerDatabaseUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.searchParams.set('options', `-c role=${OWNER_ROLE}`);
  return u.toString();
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Before migrating, with the login of DATABASE_URL (a superuser on a developer's machine, the
 * DBA's account elsewhere): the two roles exist, and may use the public schema. Roles are
 * cluster-wide, so several databases (test runs) share them; creating one that another run created
 * a moment earlier is not an error.
 */
export async function prepareRoles(admin: Client, appPassword?: string): Promise<void> {
  const exists = async (role: string) => (await admin.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])).rowCount === 1;
  for (const [role, login] of [[OWNER_ROLE, false], [APP_ROLE, true]] as const) {
    if (await exists(role)) continue;
    try {
      await admin.query(`CREATE ROLE ${role} ${login ? 'LOGIN' : 'NOLOGIN'}`);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '42710' || code === '23505' || code === 'XX000') continue; // created concurrently
      if (code === '42501') throw new Error(`role ${role} is missing and the DATABASE_URL login may not create roles: create ${OWNER_ROLE} (NOLOGIN) and ${APP_ROLE} (LOGIN) once, then migrate again`);
      throw e;
    }
  }
  if (appPassword) await admin.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${quote(appPassword)}`);
  // The login running migrations acts as the owner (SET ROLE); a superuser may anyway. Without the
  // right to grant these (a DBA set them up), what is already granted stands.
  for (const sql of [`GRANT ${OWNER_ROLE} TO current_user`, `GRANT USAGE, CREATE ON SCHEMA public TO ${OWNER_ROLE}`, `GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`]) {
    await admin.query(sql).catch((e: { code?: string }) => {
      if (e.code !== '42501' && e.code !== '0LP01') throw e;
    });
  }
}

/**
 * Everything in the schema belongs to the owner: objects from before the roles existed (or made
 * by another login) are handed over. Run before migrating, so the owner sees the migrations table,
 * and after.
 */
export async function transferOwnership(admin: Client): Promise<void> {
  const owned = await admin.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind, format('%I', c.relname) AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $1
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT 'FUNCTION', format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
    [OWNER_ROLE],
  );
  for (const o of owned.rows) await admin.query(`ALTER ${o.kind} ${o.name} OWNER TO ${OWNER_ROLE}`);
}

/** After migrating: the app role gets rows, not structure. */
export async function grantAppRole(admin: Client): Promise<void> {
  await transferOwnership(admin);
  await admin.query(`
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
    REVOKE ALL ON migrations FROM ${APP_ROLE};
    GRANT SELECT ON migrations TO ${APP_ROLE};
    REVOKE UPDATE, DELETE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${APP_ROLE};
    REVOKE DELETE ON ${NEVER_DELETED_TABLES.join(', ')} FROM ${APP_ROLE};
  `);
}
