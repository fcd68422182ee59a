import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, AuditLog, AuthUser, ConflictError, NotFoundError } from '@app/core';
import { buildOpenBadgeCredential, buildStatusEntry, DocumentLoader, IssuerKey, OpenBadgeCredential, signCredential, signJwt } from '../badges';
import { LEVEL_EN, LEVEL_KO, TrainingLevel } from '../training-terms';
import { BadgeKeys, ISSUER_NAME } from './badge-keys.service';

/** What a badge is awarded for: one completion, or a level whose pathway is complete. */
interface Award {
  participantId: number;
  externalId: string;
  email: string | null;
  completionId: number | null;
  pathwayLevel: TrainingLevel | null;
  achievementKey: string;
  name: { ko: string; en: string };
  description: { ko: string; en: string };
  criteria: { ko: string; en: string };
  level: TrainingLevel;
  awardedOn: string;
  validMonths: number | null;
}

const CHUNK = 200;
/** A badge's id: a UUID (anything else names no badge). */
export const BADGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class BadgeIssuer {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly keys: BadgeKeys,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  badgeUrl(id: string): string {
    return `${this.config.publicBaseUrl}/api/v1/badges/${id}`;
  }

  statusListUrl(): string {
    return `${this.config.publicBaseUrl}/api/v1/badges/status/1`;
  }

  /**
   * Issues every badge an import batch earned. Safe to run twice: completions that have a badge
   * are not selected again, and the unique keys drop any badge a concurrent run issued first.
   */
  async issueForBatch(batchId: number, onProgress?: (issued: number) => Promise<void>): Promise<{ courseBadges: number; levelBadges: number }> {
    const key = await this.keys.signingKey();
    const loader = await this.keys.documentLoader();
    let courseBadges = 0;
    for (;;) {
      const awards = await this.courseAwards(batchId, CHUNK);
      if (!awards.length) break;
      courseBadges += await this.issue(awards, key, loader);
      await onProgress?.(courseBadges);
      if (awards.length < CHUNK) break;
    }
    let levelBadges = 0;
    for (;;) {
      const awards = await this.levelAwards(batchId, CHUNK);
      if (!awards.length) break;
      levelBadges += await this.issue(awards, key, loader);
      if (awards.length < CHUNK) break;
    }
    return { courseBadges, levelBadges };
  }

  private courseAwards(batchId: number, limit: number): Promise<Award[]> {
    return this.ds.query(
      `SELECT p.id AS "participantId", p.external_id AS "externalId", p.email, c.id::int AS "completionId", NULL AS "pathwayLevel",
              'course-' || k.code || '-' || k.school_year AS "achievementKey",
              json_build_object('ko', k.title, 'en', nullif(k.title_en, '')) AS name,
              json_build_object('ko', coalesce(nullif(k.description, ''), k.title || ' 연수 과정'), 'en', nullif(k.description_en, '')) AS description,
              json_build_object('ko', k.criteria, 'en', nullif(k.criteria_en, '')) AS criteria,
              k.level, to_char(c.completed_on, 'YYYY-MM-DD') AS "awardedOn", k.badge_valid_months AS "validMonths",
              k.delivery_mode AS mode, k.credit_hours::float AS hours
       FROM training_completions c JOIN training_participants p ON p.id = c.participant_id JOIN training_courses k ON k.id = c.course_id
       WHERE c.batch_id = $1 AND NOT EXISTS (SELECT 1 FROM badge_credentials b WHERE b.completion_id = c.id)
       ORDER BY c.id LIMIT $2`,
      [batchId, limit],
    );
  }

  /** Levels whose every pathway course the batch's participants have now completed, without a level badge yet. */
  private levelAwards(batchId: number, limit: number): Promise<Award[]> {
    return this.ds.query(
      `SELECT p.id AS "participantId", p.external_id AS "externalId", p.email, NULL AS "completionId", w.level AS "pathwayLevel",
              'level-' || w.level AS "achievementKey", json_build_object('ko', w.name, 'en', w.name_en) AS name,
              json_build_object('ko', w.name || ': ' || array_to_string(w.course_codes, ', ') || ' 과정을 모두 이수', 'en', w.name_en) AS description,
              json_build_object('ko', array_to_string(w.course_codes, ', ') || ' 과정을 모두 이수함', 'en', 'Completed all of: ' || array_to_string(w.course_codes, ', ')) AS criteria,
              w.level, to_char((SELECT max(c.completed_on) FROM training_completions c WHERE c.participant_id = p.id), 'YYYY-MM-DD') AS "awardedOn",
              NULL AS "validMonths"
       FROM training_pathways w CROSS JOIN training_participants p
       WHERE p.id IN (SELECT participant_id FROM training_completions WHERE batch_id = $1)
         AND NOT EXISTS (SELECT 1 FROM badge_credentials b WHERE b.participant_id = p.id AND b.pathway_level = w.level)
         AND NOT EXISTS (SELECT 1 FROM unnest(w.course_codes) AS need(code) WHERE NOT EXISTS (
               SELECT 1 FROM training_completions c JOIN training_courses k ON k.id = c.course_id WHERE c.participant_id = p.id AND k.code = need.code))
       ORDER BY p.id, w.level LIMIT $2`,
      [batchId, limit],
    );
  }

  private async issue(awards: Award[], key: IssuerKey, loader: DocumentLoader): Promise<number> {
    const indexes: { i: string }[] = await this.ds.query(`SELECT nextval('badge_status_index_seq')::int AS i FROM generate_series(1, $1)`, [awards.length]);
    const rows: unknown[][] = [];
    for (const [n, a] of awards.entries()) {
      const id = crypto.randomUUID();
      const statusIndex = Number(indexes[n].i);
      const validUntil = a.validMonths ? addMonths(a.awardedOn, a.validMonths) : undefined;
      const unsecured = this.build(a, id, statusIndex, validUntil);
      // Two securings of the same credential: the Data Integrity proof (JSON-LD) and the VC-JWT.
      const credential = await signCredential(structuredClone(unsecured), key, loader);
      rows.push([id, a.participantId, a.completionId, a.pathwayLevel, a.achievementKey, statusIndex, JSON.stringify(credential), await signJwt(unsecured, key), validUntil ?? null]);
    }
    const cols = (i: number) => rows.map((r) => r[i]);
    const inserted = await this.ds.query(
      `INSERT INTO badge_credentials (id, participant_id, completion_id, pathway_level, achievement_id, status_index, credential, jwt, valid_until)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::jsonb[], $8::text[], $9::timestamptz[])
       ON CONFLICT DO NOTHING RETURNING id`,
      [cols(0), cols(1), cols(2), cols(3), cols(4), cols(5), cols(6), cols(7), cols(8)],
    );
    return inserted.length;
  }

  build(a: Award, id: string, statusIndex: number, validUntil?: string): OpenBadgeCredential {
    const achievementId = `${this.config.publicBaseUrl}/api/v1/badges/achievements/${a.achievementKey}`;
    return buildOpenBadgeCredential({
      id: this.badgeUrl(id),
      issuer: { id: this.keys.issuerId, name: ISSUER_NAME, url: this.config.publicBaseUrl },
      validFrom: `${a.awardedOn}T00:00:00+09:00`,
      validUntil,
      awardedDate: `${a.awardedOn}T00:00:00+09:00`,
      name: pick(a.name),
      achievement: {
        id: achievementId,
        name: pick(a.name),
        description: pick(a.description),
        criteria: { narrative: pick(a.criteria) },
        achievementType: a.pathwayLevel ? 'Certificate' : 'Course',
        image: { id: `${achievementId}/image.svg`, type: 'Image' },
        tag: [LEVEL_KO[a.level], LEVEL_EN[a.level]],
        inLanguage: 'ko',
      },
      recipient: a.email ? { email: a.email, salt: a.externalId } : { id: `urn:aiedu:participant:${encodeURIComponent(a.externalId)}` },
      credentialStatus: buildStatusEntry(this.statusListUrl(), statusIndex),
    });
  }

  async revoke(id: string, reason: string, actor: AuthUser): Promise<void> {
    // Not a UUID: no such badge (the uuid column would refuse the text with a 500).
    if (!BADGE_ID.test(id)) throw new NotFoundError('badge', id.slice(0, 40));
    const res = await this.ds.query(`UPDATE badge_credentials SET revoked_at = now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, reason]);
    if (!res[0].length) {
      const [exists] = await this.ds.query(`SELECT 1 FROM badge_credentials WHERE id = $1`, [id]);
      if (!exists) throw new NotFoundError('badge', id);
      throw new ConflictError('This badge is already revoked', [{ field: 'id', reason: 'revoked' }], 'INVALID_STATE');
    }
    await this.audit.record(this.ds.manager, actor, { action: 'revoke', entityType: 'badge', entityId: id, after: { reason } });
  }
}

/** Korean text with the English beside it when there is some. */
function pick(t: { ko: string; en: string | null }): { ko: string; en?: string } {
  return t.en ? { ko: t.ko, en: t.en } : { ko: t.ko };
}

/** The same day `months` later in Seoul (clamped to the month's end), at midnight: when the badge stops being valid. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return new Date(`${year}-${pad(month)}-${pad(Math.min(d, lastDay))}T00:00:00+09:00`).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
