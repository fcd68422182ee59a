import { MigrationInterface, QueryRunner } from 'typeorm';

const FIRST_YEAR = 2020;
const LAST_YEAR = 2040;

/**
 * Item-level literacy results partitioned by school year: a national roll-out adds about 150 M item
 * answers (5 M students × 30 items) a year, and every read and every destruction run works on one
 * school year. Each year is its own table, so its indexes stay the size of one year, a year past
 * its retention period can be detached and dropped by the DBA instead of deleted row by row, and
 * an import's index inserts cost the same in the tenth year as in the first.
 *
 * school_year is the assessment's, enforced by a composite foreign key (an assessment moved to
 * another school year takes its results along). Partitions 2020–2040 exist from the start (the
 * app role cannot create tables); a later year lands in the default partition until the DBA adds
 * one (docs/DEPLOY.md).
 */
export class LiteracyResultsBySchoolYear1765350000000 implements MigrationInterface {
  name = 'LiteracyResultsBySchoolYear1765350000000';

  async up(q: QueryRunner): Promise<void> {
    const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
    await q.query(`
      ALTER TABLE literacy_assessments ADD CONSTRAINT literacy_assessments_id_year UNIQUE (id, school_year);
      ALTER TABLE literacy_results RENAME TO literacy_results_unpartitioned;
      ALTER TABLE literacy_results_unpartitioned RENAME CONSTRAINT literacy_results_pkey TO literacy_results_unpartitioned_pkey;
      CREATE TABLE literacy_results (
        school_year smallint NOT NULL,
        assessment_id int NOT NULL,
        student_id int NOT NULL REFERENCES students(id),
        form text NOT NULL,
        responses text[] NOT NULL,
        batch_id int NOT NULL REFERENCES literacy_import_batches(id),
        PRIMARY KEY (assessment_id, student_id, school_year),
        FOREIGN KEY (assessment_id, school_year) REFERENCES literacy_assessments (id, school_year) ON DELETE CASCADE ON UPDATE CASCADE
      ) PARTITION BY RANGE (school_year);
      ${years.map((y) => `CREATE TABLE literacy_results_${y} PARTITION OF literacy_results FOR VALUES FROM (${y}) TO (${y + 1});`).join('\n')}
      CREATE TABLE literacy_results_other PARTITION OF literacy_results DEFAULT;
      INSERT INTO literacy_results (school_year, assessment_id, student_id, form, responses, batch_id)
        SELECT a.school_year, r.assessment_id, r.student_id, r.form, r.responses, r.batch_id
        FROM literacy_results_unpartitioned r JOIN literacy_assessments a ON a.id = r.assessment_id;
      DROP TABLE literacy_results_unpartitioned;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE literacy_results_unpartitioned (
        assessment_id int NOT NULL REFERENCES literacy_assessments(id) ON DELETE CASCADE,
        student_id int NOT NULL REFERENCES students(id),
        form text NOT NULL,
        responses text[] NOT NULL,
        batch_id int NOT NULL REFERENCES literacy_import_batches(id),
        PRIMARY KEY (assessment_id, student_id)
      );
      INSERT INTO literacy_results_unpartitioned (assessment_id, student_id, form, responses, batch_id)
        SELECT assessment_id, student_id, form, responses, batch_id FROM literacy_results;
      DROP TABLE literacy_results;
      ALTER TABLE literacy_results_unpartitioned RENAME TO literacy_results;
      ALTER TABLE literacy_results RENAME CONSTRAINT literacy_results_unpartitioned_pkey TO literacy_results_pkey;
      ALTER TABLE literacy_assessments DROP CONSTRAINT literacy_assessments_id_year;
    `);
  }
}
