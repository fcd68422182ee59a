import { MigrationInterface, QueryRunner } from 'typeorm';

/** Surveys, third part: the aggregate snapshot of a campaign, replaced whole on each recomputation. */
export class SurveySnapshots1764400002000 implements MigrationInterface {
  name = 'SurveySnapshots1764400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_snapshots (
        campaign_id int PRIMARY KEY REFERENCES survey_campaigns(id) ON DELETE CASCADE,
        computed_at timestamptz NOT NULL DEFAULT now(),
        responses int NOT NULL,
        groups jsonb NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_snapshots;`);
  }
}
