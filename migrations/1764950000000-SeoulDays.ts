import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Days are Seoul days: a survey response's day (kept instead of a time, so an answer cannot be
 * matched to a moment) is the day in Seoul, not in the database session's TimeZone, which is what
 * current_date gives.
 */
export class SeoulDays1764950000000 implements MigrationInterface {
  name = 'SeoulDays1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE survey_responses ALTER COLUMN submitted_on SET DEFAULT (now() AT TIME ZONE 'Asia/Seoul')::date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE survey_responses ALTER COLUMN submitted_on SET DEFAULT current_date`);
  }
}
