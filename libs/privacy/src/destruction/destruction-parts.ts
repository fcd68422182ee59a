import type { EntityManager } from 'typeorm';
import { FileStore } from '@app/core';
import type { RetentionCategory } from '../retention/categories';

/*
 * What each category destroys, as SQL. A category is one or more parts (the consent records also
 * take their return slips and the eligibility decisions made from them); each part selects its due
 * rows given the cutoff date ($1, a Seoul date: rows whose starting day is before it are due) with
 *   key       the row's identity, in the order batches take them
 *   school_id the school a legal hold on a school keeps it for (NULL: no school)
 *   student_id the student a legal hold on a student keeps it for (NULL: none)
 *   covered   the row's own time, for the period the register says was destroyed
 * and destroys a batch of keys. Rows stay due until destroyed (deleted, or anonymised and so no
 * longer selected), which is what makes a second run find nothing.
 */

export interface DestructionPart {
  /** The kind of row, as job summaries count them. */
  name: string;
  due: string;
  /** SQL on `c.*` that is true when an active legal hold keeps the row; by default a hold on its school or student. */
  held?: string;
  /**
   * Destroyed oldest first and only as a prefix: the access log is a hash chain, so a held row
   * keeps every later one (the chain then starts after the last row destroyed).
   */
  prefix?: boolean;
  destroy(tx: EntityManager, keys: string[]): Promise<{ destroyed: number; anchor?: string | null }>;
}

/** The student code an anonymised roster entry gets: its own id, so the school's unique codes stay unique. */
export const ANONYMOUS_CODE_SQL = (table: string) => `'anon-' || ${table}.id`;

/** Anonymised accounts keep their row (history points at it) with an address that can never be anyone's. */
export const DELETED_EMAIL_SQL = `'deleted-' || id || '@invalid'`;

export const HELD_BY_SCHOOL_OR_STUDENT = `EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND (h.school_id = c.school_id OR h.student_id = c.student_id))`;

/** The last day (a date) of school year `year` (1 March – end of February). */
const yearEnd = (year: string) => `(make_date((${year})::int + 1, 3, 1) - 1)`;
/** The school year a timestamptz falls in, on Seoul's calendar. */
const schoolYearOfTs = (ts: string) => `extract(year FROM (${ts} AT TIME ZONE 'Asia/Seoul') - interval '2 months')`;
/** The instant the cutoff day begins in Seoul: an instant before it lies on an earlier Seoul day. */
const CUTOFF_START = `($1::date::timestamp AT TIME ZONE 'Asia/Seoul')`;

const count = async (tx: EntityManager, sql: string, params: unknown[]): Promise<number> => {
  // TypeORM's query gives [rows, affected] for DELETE/UPDATE on postgres.
  const res = await tx.query(sql, params);
  return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
};

/** Keys made of several columns travel as 'a:b:c'. */
const splitKeys = (columns: [string, string][]) =>
  `SELECT ${columns.map(([name, type], i) => `split_part(k, ':', ${i + 1})::${type} AS ${name}`).join(', ')} FROM unnest($1::text[]) AS k`;

export const CONSENT_SLIPS: DestructionPart = {
  name: 'consent_slips',
  due: `SELECT (k.letter_id::text || ':' || k.student_id || ':' || k.guardian_no) AS key, st.school_id, k.student_id, k.created_at AS covered
        FROM consent_slips k JOIN consent_letters l ON l.id = k.letter_id JOIN consent_notices n ON n.id = l.notice_id JOIN students st ON st.id = k.student_id
        WHERE ${yearEnd('n.school_year')} < $1::date`,
  destroy: async (tx, keys) => ({
    destroyed: await count(
      tx,
      `WITH x AS (${splitKeys([['letter_id', 'int'], ['student_id', 'int'], ['guardian_no', 'smallint']])})
       DELETE FROM consent_slips k USING x WHERE k.letter_id = x.letter_id AND k.student_id = x.student_id AND k.guardian_no = x.guardian_no`,
      [keys],
    ),
  }),
};

/** Deleted through the owner's function: the app role may only append consent records. */
export async function destroyConsentRecords(tx: EntityManager, ids: string[]): Promise<number> {
  // A slip keeps the record that answered it (a foreign key): it goes first.
  const slips = await count(tx, `DELETE FROM consent_slips WHERE record_id = ANY($1::bigint[])`, [ids]);
  const [{ n }] = await tx.query(`SELECT privacy_destroy_consent_records($1::bigint[]) AS n`, [ids]);
  return slips + Number(n);
}

export const CONSENT_RECORDS: DestructionPart = {
  name: 'consent_records',
  due: `SELECT r.id AS key, st.school_id, r.student_id, r.decided_at AS covered, n.school_year, r.service_id
        FROM consent_records r JOIN consent_notices n ON n.id = r.notice_id JOIN students st ON st.id = r.student_id
        WHERE ${yearEnd('n.school_year')} < $1::date`,
  destroy: async (tx, keys) => ({ destroyed: await destroyConsentRecords(tx, keys) }),
};

export const ELIGIBILITY_LOG: DestructionPart = {
  name: 'eligibility_log',
  // Covered: the day the decision was about (asked for then, or later for that day).
  due: `SELECT e.id AS key, st.school_id, e.student_id, (e.on_date::timestamp AT TIME ZONE 'Asia/Seoul') AS covered
        FROM eligibility_log e JOIN students st ON st.id = e.student_id
        WHERE ${yearEnd(`extract(year FROM e.on_date - interval '2 months')`)} < $1::date`,
  destroy: async (tx, keys) => ({ destroyed: await count(tx, `DELETE FROM eligibility_log WHERE id = ANY($1::bigint[])`, [keys]) }),
};

export const STUDENTS: DestructionPart = {
  name: 'students',
  due: `SELECT st.id AS key, st.school_id, st.id AS student_id, st.created_at AS covered
        FROM students st
        WHERE ${yearEnd(schoolYearOfTs('st.created_at'))} < $1::date
          AND st.student_code <> ${ANONYMOUS_CODE_SQL('st')}
          AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.student_id = st.id)`,
  // Grade and class stay: literacy and consent figures are counted by them. The school's own id
  // and the birth month are what could point at a child.
  destroy: async (tx, keys) => ({
    destroyed: await count(
      tx,
      `UPDATE students SET student_code = ${ANONYMOUS_CODE_SQL('students')}, birth_month = NULL
       WHERE id = ANY($1::int[]) AND student_code <> ${ANONYMOUS_CODE_SQL('students')}`,
      [keys],
    ),
  }),
};

export const LITERACY_RESULTS: DestructionPart = {
  name: 'literacy_results',
  due: `SELECT (r.assessment_id::text || ':' || r.student_id) AS key, st.school_id, r.student_id, b.imported_at AS covered
        FROM literacy_results r JOIN literacy_assessments a ON a.id = r.assessment_id JOIN students st ON st.id = r.student_id
          JOIN literacy_import_batches b ON b.id = r.batch_id
        WHERE ${yearEnd('a.school_year')} < $1::date`,
  // The analysis (item statistics, level counts) and the report files were computed from these
  // rows and stay as they were published; only what belongs to one student goes.
  destroy: async (tx, keys) => {
    const x = splitKeys([['assessment_id', 'int'], ['student_id', 'int']]);
    await tx.query(`WITH x AS (${x}) DELETE FROM literacy_scores s USING x WHERE s.assessment_id = x.assessment_id AND s.student_id = x.student_id`, [keys]);
    // The assessment is closed: no new analysis may replace the published one (literacy's assertResultsKept).
    await tx.query(`WITH x AS (${x}) UPDATE literacy_assessments a SET results_destroyed_at = now() FROM (SELECT DISTINCT assessment_id FROM x) d WHERE a.id = d.assessment_id AND a.results_destroyed_at IS NULL`, [keys]);
    return { destroyed: await count(tx, `WITH x AS (${x}) DELETE FROM literacy_results r USING x WHERE r.assessment_id = x.assessment_id AND r.student_id = x.student_id`, [keys]) };
  },
};

export const SURVEY_DRAFTS: DestructionPart = {
  name: 'survey_drafts',
  due: `SELECT d.code_hash AS key, c.school_id, NULL::int AS student_id, d.updated_at AS covered
        FROM survey_drafts d JOIN survey_codes c ON c.code_hash = d.code_hash JOIN survey_campaigns sc ON sc.id = c.campaign_id
        WHERE sc.closes_at < ${CUTOFF_START}`,
  destroy: async (tx, keys) => ({ destroyed: await count(tx, `DELETE FROM survey_drafts WHERE code_hash = ANY($1::text[])`, [keys]) }),
};

export function designationAttachments(files: FileStore): DestructionPart {
  return {
    name: 'designation_attachments',
    due: `SELECT t.id AS key, a.school_id, NULL::int AS student_id, t.uploaded_at AS covered
          FROM designation_attachments t JOIN designation_applications a ON a.id = t.application_id
          WHERE ${yearEnd(schoolYearOfTs('t.uploaded_at'))} < $1::date`,
    // The files first, inside the transaction that deletes their rows (with the PostgreSQL store
    // the files are rows of that same transaction): a failure leaves the rows, so the next run
    // tries again; the other order could leave a file nothing points at any more.
    destroy: async (tx, keys) => {
      const rows: { storage_key: string }[] = await tx.query(`SELECT storage_key FROM designation_attachments WHERE id = ANY($1::int[]) FOR UPDATE`, [keys]);
      for (const { storage_key } of rows) {
        if (FileStore.isValidKey(storage_key)) await files.delete(storage_key, tx);
      }
      return { destroyed: await count(tx, `DELETE FROM designation_attachments WHERE id = ANY($1::int[])`, [keys]) };
    },
  };
}

export const LOGIN_ATTEMPTS: DestructionPart = {
  name: 'login_attempts',
  due: `SELECT la.id AS key, u.school_id, NULL::int AS student_id, la.at AS covered
        FROM login_attempts la LEFT JOIN users u ON u.id = la.user_id
        WHERE la.at < ${CUTOFF_START}`,
  destroy: async (tx, keys) => ({ destroyed: await count(tx, `DELETE FROM login_attempts WHERE id = ANY($1::bigint[])`, [keys]) }),
};

export const ENDED_SESSIONS: DestructionPart = {
  name: 'user_sessions',
  // A session's day is the day it ended (revoked, or expired); live ones are never due.
  due: `SELECT s.id AS key, u.school_id, NULL::int AS student_id, s.created_at AS covered
        FROM user_sessions s JOIN users u ON u.id = s.user_id
        WHERE coalesce(s.revoked_at, s.expires_at) < ${CUTOFF_START} AND (s.revoked_at IS NOT NULL OR s.expires_at < now())`,
  destroy: async (tx, keys) => ({ destroyed: await count(tx, `DELETE FROM user_sessions WHERE id = ANY($1::uuid[])`, [keys]) }),
};

export const ACCESS_LOG: DestructionPart = {
  name: 'access_log',
  due: `SELECT a.id AS key, a.school_id, NULL::int AS student_id, a.at AS covered, a.subject_type, a.subject_ids
        FROM access_log a WHERE a.at < ${CUTOFF_START}`,
  held: `EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL
           AND (h.school_id = c.school_id OR (c.subject_type = 'student' AND h.student_id::text = ANY(c.subject_ids))))`,
  prefix: true,
  // Rows are appended in id order with their time under one lock, so every row up to the last key
  // of a batch taken from the prefix is due and not held.
  destroy: async (tx, keys) => {
    const through = keys.reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
    const [row] = await tx.query(`SELECT destroyed, anchor FROM privacy_destroy_access_log($1::bigint)`, [through]);
    return { destroyed: Number(row.destroyed), anchor: row.anchor ?? null };
  },
};

export const DEPARTED_ACCOUNTS: DestructionPart = {
  name: 'users',
  due: `SELECT u.id AS key, u.school_id, NULL::int AS student_id, u.updated_at AS covered
        FROM users u WHERE u.status = 'disabled' AND u.updated_at < ${CUTOFF_START} AND u.email NOT LIKE 'deleted-%@invalid'`,
  // The row stays (audit records, applications and training link to it); what names a person goes,
  // and with the password and any unused link the account can never be signed in to again.
  destroy: async (tx, keys) => {
    const destroyed = await count(
      tx,
      `UPDATE users SET email = ${DELETED_EMAIL_SQL}, display_name = '', teacher_number = NULL, password_hash = NULL
       WHERE id = ANY($1::uuid[]) AND status = 'disabled' AND email NOT LIKE 'deleted-%@invalid'`,
      [keys],
    );
    await tx.query(`DELETE FROM account_tokens WHERE user_id = ANY($1::uuid[])`, [keys]);
    return { destroyed };
  },
};

/** The parts of each category, in the order they are destroyed. */
export function categoryParts(files: FileStore): Record<RetentionCategory, DestructionPart[]> {
  return {
    // Slips, then records (a slip points at the record that answered it), then the decisions made from them.
    consent_records: [CONSENT_SLIPS, CONSENT_RECORDS, ELIGIBILITY_LOG],
    students: [STUDENTS],
    literacy_results: [LITERACY_RESULTS],
    survey_drafts: [SURVEY_DRAFTS],
    designation_attachments: [designationAttachments(files)],
    login_records: [LOGIN_ATTEMPTS, ENDED_SESSIONS],
    access_logs: [ACCESS_LOG],
    departed_accounts: [DEPARTED_ACCOUNTS],
  };
}
