import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { seoulInstant, SqlParams } from '@app/core';
import type { AccessLogPageDto, AccessLogQuery, AccessLogVerifyDto } from './access-log.dto';

/** Reading and checking the access log (the privacy officer's); writing is @app/core's AccessLog. */
@Injectable()
export class AccessLogQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(q: AccessLogQuery): Promise<AccessLogPageDto> {
    const p = new SqlParams();
    const where = ['TRUE'];
    if (q.account) where.push(`l.actor_id = ${p.add(q.account)}`);
    if (q.subject) where.push(`l.subject_ids @> ARRAY[${p.add(q.subject)}::text]`);
    if (q.subjectType) where.push(`l.subject_type = ${p.add(q.subjectType)}`);
    if (q.action) where.push(`l.action = ${p.add(q.action)}`);
    if (q.from) where.push(`l.at >= ${p.add(seoulInstant(q.from))}`);
    if (q.to) where.push(`l.at < ${p.add(seoulInstant(q.to, 'end'))}`);
    const cond = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM access_log l WHERE ${cond}`, p.values);
    const items = await this.ds.query(
      `SELECT l.id::text, l.at, l.actor_id AS "actorId", u.email AS "actorEmail", u.display_name AS "actorName", l.actor_role AS "actorRole",
              l.client_ip AS "clientIp", l.action, l.subject_type AS "subjectType", l.subject_ids AS "subjectIds", l.subject_count AS "subjectCount",
              l.school_id AS "schoolId", s.name AS "schoolName", l.route, l.request_id AS "requestId", l.reason
       FROM access_log l LEFT JOIN users u ON u.id = l.actor_id LEFT JOIN schools s ON s.id = l.school_id
       WHERE ${cond} ORDER BY l.id DESC LIMIT ${p.add(q.pageSize)} OFFSET ${p.add((q.page - 1) * q.pageSize)}`,
      p.values,
    );
    return { items: items.map((i: { at: Date | string }) => ({ ...i, at: new Date(i.at).toISOString() })), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * One pass in id order: each record's prev_hash must be the previous record's hash (the first
   * record's: the anchor the destruction register kept when older records were destroyed, or '')
   * and its hash the digest of itself and prev_hash. A deleted record breaks the next one, an
   * edited record itself. Records deleted from the end leave no successor to break: the chain
   * cannot tell them from records never written.
   */
  async verify(): Promise<AccessLogVerifyDto> {
    const [row] = await this.ds.query(
      `WITH anchor AS (
         SELECT coalesce((SELECT chain_anchor FROM destruction_register WHERE chain_anchor IS NOT NULL ORDER BY id DESC LIMIT 1), '') AS h
       ), chain AS (
         SELECT l.id,
                l.prev_hash IS DISTINCT FROM coalesce(lag(l.hash) OVER (ORDER BY l.id), (SELECT h FROM anchor))
                OR l.hash IS DISTINCT FROM access_log_digest(l.prev_hash, l) AS broken
         FROM access_log l
       ), result AS (
         SELECT count(*)::int AS checked, min(id) FILTER (WHERE broken) AS first FROM chain
       )
       SELECT checked, first::text AS "firstBrokenId", (SELECT at FROM access_log WHERE id = result.first) AS "firstBrokenAt" FROM result`,
    );
    return {
      intact: row.firstBrokenId === null,
      checked: row.checked,
      firstBrokenId: row.firstBrokenId,
      firstBrokenAt: row.firstBrokenAt ? new Date(row.firstBrokenAt).toISOString() : null,
    };
  }
}
