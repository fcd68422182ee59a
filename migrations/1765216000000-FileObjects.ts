import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL file store (FILE_STORE=postgres, the default): uploaded documents by key, so every
 * api instance serves what any other received without a shared disk. The content is stored
 * uncompressed out of line (documents are compressed formats already), so a slice of a large file
 * is read without the rest (the store streams in 1 MiB slices).
 *
 * Files a deployment kept under ATTACHMENT_DIR are not copied by the migration: keep FILE_STORE=dir,
 * or run `npm run cli -- files:import-dir` before switching.
 */
export class FileObjects1765216000000 implements MigrationInterface {
  name = 'FileObjects1765216000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE file_objects (
        key text PRIMARY KEY,
        byte_size int NOT NULL CHECK (byte_size >= 0),
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE file_objects ALTER COLUMN content SET STORAGE EXTERNAL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE file_objects`);
  }
}
