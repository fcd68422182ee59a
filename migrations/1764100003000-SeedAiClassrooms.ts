import { Logger } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { readAiClassroomSeed, SPACE_TYPE_BY_LEVEL } from '@app/classrooms/seed/ai-classroom-seed';

/** Loads the 284 "신나는 AI 교실" schools and classrooms from the report's appendix. */
export class SeedAiClassrooms1764100003000 implements MigrationInterface {
  name = 'SeedAiClassrooms1764100003000';

  async up(q: QueryRunner): Promise<void> {
    const { rows, warnings } = readAiClassroomSeed();
    for (const w of warnings) new Logger('Seed').warn(w);
    await q.query(
      `WITH seed AS (
         SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS s(no, build_year, district, level, name, space_type)
       ), inserted AS (
         INSERT INTO schools (name, level, district)
         SELECT name, level, district FROM seed ORDER BY no
         RETURNING id, name, district
       ), numbered AS (
         SELECT i.id, row_number() OVER (PARTITION BY i.name, i.district ORDER BY i.id) AS nth, i.name, i.district FROM inserted i
       ), seed_numbered AS (
         SELECT s.*, row_number() OVER (PARTITION BY s.name, s.district ORDER BY s.no) AS nth FROM seed s
       )
       INSERT INTO classrooms (school_id, build_year, space_type, source_row)
       SELECT n.id, s.build_year, s.space_type, s.no
       FROM numbered n JOIN seed_numbered s USING (name, district, nth)`,
      [
        rows.map((r) => r.no),
        rows.map((r) => r.buildYear),
        rows.map((r) => r.district),
        rows.map((r) => r.level),
        rows.map((r) => r.name),
        rows.map((r) => SPACE_TYPE_BY_LEVEL[r.level]),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM schools WHERE id IN (SELECT school_id FROM classrooms WHERE source_row IS NOT NULL)`);
  }
}
