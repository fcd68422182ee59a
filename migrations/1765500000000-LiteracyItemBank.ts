import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The literacy item bank (issue 18): items live independently of any one assessment, keyed by
 * (grade, item id), so the same id in two assessments of one grade is the same bank item; per
 * administration (assessment) the analysis job stores the item's statistics; anchor links between
 * assessments and the grade's reporting scale (θ × slope + intercept, set once for the base
 * assessment) with its proficiency cuts on θ. Students may carry a sex (for DIF). Tables are owned
 * by the owner role; the app role gets its rights from grantAppRole after migrating.
 */
export class LiteracyItemBank1765500000000 implements MigrationInterface {
  name = 'LiteracyItemBank1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE students ADD COLUMN sex text CHECK (sex IN ('M', 'F'));
      -- Fit, DIF, precision (information, conditional SEM, separation) and the reporting scale of the analysis.
      ALTER TABLE literacy_analyses ADD COLUMN measurement jsonb;

      CREATE TABLE literacy_bank_items (
        grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 12),
        item_id text NOT NULL CHECK (item_id ~ '^[A-Za-z][A-Za-z0-9_.-]{0,39}$'),
        area_code text NOT NULL REFERENCES literacy_areas(code),
        type text NOT NULL CHECK (type IN ('dichotomous', 'partial')),
        max_score smallint NOT NULL CHECK (max_score BETWEEN 1 AND 100),
        answer_key text[],
        options text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Retired items keep their history; new assessments may not use them.
        retired_at timestamptz,
        retired_reason text,
        PRIMARY KEY (grade, item_id),
        CONSTRAINT literacy_bank_items_dichotomous CHECK (type = 'partial' OR max_score = 1)
      );
      INSERT INTO literacy_bank_items (grade, item_id, area_code, type, max_score, answer_key, options)
        SELECT DISTINCT ON (a.grade, i.item_id) a.grade, i.item_id, i.area_code, i.type, i.max_score, i.answer_key, i.options
        FROM literacy_items i JOIN literacy_assessments a ON a.id = i.assessment_id
        ORDER BY a.grade, i.item_id, a.school_year, a.id;

      -- One row per item per administration, replaced by every analysis run of the assessment.
      CREATE TABLE literacy_bank_item_stats (
        assessment_id int NOT NULL REFERENCES literacy_assessments(id) ON DELETE CASCADE,
        grade smallint NOT NULL,
        item_id text NOT NULL,
        school_year smallint NOT NULL,
        n int NOT NULL,
        facility real,
        discrimination real,
        -- The assessment's own calibration (free, or anchored when the assessment is linked).
        difficulty real,
        difficulty_se real,
        -- Step difficulties on the grade's common scale (the base assessment's, or anchored); NULL: not on it.
        scale_steps real[],
        infit real,
        outfit real,
        infit_z real,
        outfit_z real,
        fit_flag boolean,
        -- [{ group, mhDDif, ets, reason }]
        dif jsonb NOT NULL DEFAULT '[]',
        dropped boolean NOT NULL DEFAULT false,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assessment_id, item_id),
        FOREIGN KEY (grade, item_id) REFERENCES literacy_bank_items (grade, item_id)
      );
      CREATE INDEX literacy_bank_item_stats_item_idx ON literacy_bank_item_stats (grade, item_id);

      -- The anchor link of an assessment to an earlier calibrated one (its base), requested and then computed by a job.
      CREATE TABLE literacy_links (
        assessment_id int PRIMARY KEY REFERENCES literacy_assessments(id) ON DELETE CASCADE,
        base_assessment_id int NOT NULL REFERENCES literacy_assessments(id) ON DELETE CASCADE,
        drop_drifting boolean NOT NULL DEFAULT false,
        drop_anchors text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('pending', 'done')),
        method text,
        constant real,
        se real,
        mean_mean jsonb,
        anchors jsonb,
        dropped text[],
        requested_by uuid REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        computed_at timestamptz,
        CHECK (assessment_id <> base_assessment_id)
      );

      -- The reporting scale of a grade: scale score = θ × slope + intercept on the base assessment's θ scale.
      CREATE TABLE literacy_scales (
        grade smallint PRIMARY KEY CHECK (grade BETWEEN 1 AND 12),
        base_assessment_id int NOT NULL REFERENCES literacy_assessments(id) ON DELETE CASCADE,
        slope real NOT NULL DEFAULT 100,
        intercept real NOT NULL DEFAULT 500,
        -- [{ level, theta, raw }] ascending: the base form's raw cut scores translated to θ (first level from −∞: theta null).
        cuts jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE literacy_scales; DROP TABLE literacy_links; DROP TABLE literacy_bank_item_stats; DROP TABLE literacy_bank_items;
      ALTER TABLE literacy_analyses DROP COLUMN measurement; ALTER TABLE students DROP COLUMN sex;
    `);
  }
}
