import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: a job's intent is written in the same PostgreSQL transaction as the
 * data it works on, so committed data always gets its job, whatever Redis does. A relay (in the api
 * and the worker) moves pending rows to BullMQ under their fixed job id, so a replay is harmless;
 * rows whose job vanished from Redis before finishing are relayed again.
 */
export class JobOutbox1764800000000 implements MigrationInterface {
  name = 'JobOutbox1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_id uuid NOT NULL UNIQUE,
        queue text NOT NULL,
        name text NOT NULL,
        data jsonb NOT NULL,
        dedupe_id text,
        keep_last_if_active boolean NOT NULL DEFAULT false,
        delay_ms int CHECK (delay_ms IS NULL OR delay_ms >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- When the relay handed it to BullMQ, and the id BullMQ gave it (another job's when deduplicated).
        relayed_at timestamptz,
        bull_job_id text,
        relay_attempts int NOT NULL DEFAULT 0,
        last_error text,
        -- When a worker finished it (completed, or failed for good).
        finished_at timestamptz,
        outcome text CHECK (outcome IN ('completed', 'failed'))
      );
      CREATE INDEX job_outbox_pending_idx ON job_outbox (id) WHERE relayed_at IS NULL;
      CREATE INDEX job_outbox_unfinished_idx ON job_outbox (relayed_at) WHERE relayed_at IS NOT NULL AND finished_at IS NULL;
      CREATE INDEX job_outbox_bull_idx ON job_outbox (bull_job_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_outbox`);
  }
}
