import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../errors';

export interface NoticeInput {
  kind: string;
  title: string;
  body?: string;
  /** A path in the web app, e.g. /surveys/campaigns/3. */
  link?: string;
  /** The same key to the same person is one notice: a job that runs twice notifies once. */
  dedupeKey: string;
}

/** In-app notices (the bell in the header). Jobs write them; each person reads their own. */
@Injectable()
export class Notices {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Notifies every active principal of the given schools; returns how many notices are new. */
  async toPrincipals(manager: EntityManager, schoolIds: number[], notice: NoticeInput): Promise<number> {
    if (!schoolIds.length) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notices (user_id, kind, title, body, link, dedupe_key)
       SELECT u.id, $2, $3, $4, $5, $6 FROM users u WHERE u.role = 'principal' AND u.status = 'active' AND u.school_id = ANY($1::int[])
       ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
      [schoolIds, notice.kind, notice.title, notice.body ?? '', notice.link ?? null, notice.dedupeKey],
    );
    return rows.length;
  }

  async list(userId: string, limit = 50) {
    const items = await this.ds.query(
      `SELECT id::text, kind, title, body, link, created_at AS "createdAt", read_at AS "readAt"
       FROM notices WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
    const [{ unread }] = await this.ds.query(`SELECT count(*)::int AS unread FROM notices WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return { items, unread };
  }

  /** Someone else's notice is reported as missing, not forbidden: its existence is not theirs to know. */
  async markRead(userId: string, id: string): Promise<void> {
    const [rows] = await this.ds.query(`UPDATE notices SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`, [id, userId]);
    if (!rows.length) throw new NotFoundError('notice', id);
  }
}
