import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredFileMeta {
  id: string;
  kind: string;
  filename: string;
  contentType: string;
  byteSize: number;
  ownerId: string | null;
  createdAt: string;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Files that jobs build, kept in PostgreSQL so any api instance can serve what any worker wrote. */
@Injectable()
export class StoredFiles {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Keyed by job id: a retried job replaces its own file instead of adding a second one. */
  async saveForJob(jobId: string, f: { kind: string; filename: string; contentType: string; ownerId: string | null; content: Buffer }): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO stored_files (kind, filename, content_type, byte_size, content, owner_id, job_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (job_id) DO UPDATE SET filename = EXCLUDED.filename, content = EXCLUDED.content,
         byte_size = EXCLUDED.byte_size, created_at = now()
       RETURNING id`,
      [f.kind, f.filename, f.contentType, f.content.length, f.content, f.ownerId, jobId],
    );
    return row.id;
  }

  async meta(id: string): Promise<StoredFileMeta | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [row] = await this.ds.query(
      `SELECT id, kind, filename, content_type AS "contentType", byte_size AS "byteSize", owner_id AS "ownerId", created_at AS "createdAt"
       FROM stored_files WHERE id = $1`,
      [id],
    );
    return row;
  }

  async content(id: string): Promise<Buffer> {
    const [row] = await this.ds.query(`SELECT content FROM stored_files WHERE id = $1`, [id]);
    return row.content;
  }
}
