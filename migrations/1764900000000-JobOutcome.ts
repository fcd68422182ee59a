import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A finished job's result and failure reason kept with its outbox row, so the jobs api answers in
 * full from PostgreSQL when Redis is slow, away or has already dropped the finished job.
 */
export class JobOutcome1764900000000 implements MigrationInterface {
  name = 'JobOutcome1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_outbox ADD COLUMN result jsonb, ADD COLUMN failed_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_outbox DROP COLUMN result, DROP COLUMN failed_reason`);
  }
}
