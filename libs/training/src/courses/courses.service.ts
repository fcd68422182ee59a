import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, NotFoundError, rethrowConstraint, ValidationFailedError } from '@app/core';
import { LEVEL_EN, LEVEL_KO, TrainingLevel } from '../training-terms';
import type { CreateCourseDto, PathwayDto } from './course.dto';

export const COURSE_SELECT = `
  SELECT c.id, c.code, c.school_year AS "schoolYear", c.title, c.title_en AS "titleEn", c.level, c.delivery_mode AS "deliveryMode",
         c.audience, c.credit_hours::float AS "creditHours", c.provider, c.prerequisite_codes AS "prerequisiteCodes",
         c.prerequisite_level AS "prerequisiteLevel", c.description, c.description_en AS "descriptionEn", c.criteria,
         c.criteria_en AS "criteriaEn", c.badge_valid_months AS "badgeValidMonths",
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'startsOn', s.starts_on, 'endsOn', s.ends_on, 'capacity', s.capacity) ORDER BY s.starts_on)
                   FROM training_sessions s WHERE s.course_id = c.id), '[]') AS sessions
  FROM training_courses c`;

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  list(query: { schoolYear?: number; level?: string }) {
    return this.ds.query(
      `${COURSE_SELECT} WHERE ($1::int IS NULL OR c.school_year = $1) AND ($2::text IS NULL OR c.level = $2) ORDER BY c.school_year DESC, c.level, c.code`,
      [query.schoolYear ?? null, query.level ?? null],
    );
  }

  async get(id: number) {
    const [row] = await this.ds.query(`${COURSE_SELECT} WHERE c.id = $1`, [id]);
    if (!row) throw new NotFoundError('course', id);
    return row;
  }

  async create(dto: CreateCourseDto, actor: AuthUser) {
    const problems = (dto.sessions ?? []).flatMap((s, i) => (s.endsOn < s.startsOn ? [{ field: `sessions.${i}.endsOn`, reason: 'must not be before startsOn' }] : []));
    const codes = (dto.sessions ?? []).map((s) => s.code);
    if (new Set(codes).size !== codes.length) problems.push({ field: 'sessions', reason: 'a session code appears twice' });
    if (problems.length) throw new ValidationFailedError('Invalid course', problems);
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx
        .query(
          `INSERT INTO training_courses (code, school_year, title, title_en, level, delivery_mode, audience, credit_hours, provider,
             prerequisite_codes, prerequisite_level, description, description_en, criteria, criteria_en, badge_valid_months)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, '서울특별시교육청'), $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
          [dto.code, dto.schoolYear, dto.title.trim(), dto.titleEn ?? '', dto.level, dto.deliveryMode, dto.audience, dto.creditHours, dto.provider ?? null,
            dto.prerequisiteCodes ?? [], dto.prerequisiteLevel ?? null, dto.description ?? '', dto.descriptionEn ?? '',
            dto.criteria ?? `${dto.title} 과정을 이수 기준에 따라 수료함`, dto.criteriaEn ?? '', dto.badgeValidMonths ?? null],
        )
        .catch((e) => rethrowConstraint(e, { training_courses_code_key: { field: 'code', message: `Course ${dto.code} already exists in ${dto.schoolYear}` } }));
      for (const s of dto.sessions ?? []) {
        await tx.query(`INSERT INTO training_sessions (course_id, code, starts_on, ends_on, capacity) VALUES ($1, $2, $3, $4, $5)`, [id, s.code, s.startsOn, s.endsOn, s.capacity]);
      }
      await this.audit.record(tx, actor, { action: 'create', entityType: 'training_course', entityId: id, after: dto });
      return id as number;
    });
    return this.get(id);
  }

  pathways(): Promise<{ level: TrainingLevel; courseCodes: string[]; name: string; nameEn: string }[]> {
    return this.ds.query(`SELECT level, course_codes AS "courseCodes", name, name_en AS "nameEn" FROM training_pathways ORDER BY array_position(ARRAY['basic','applied','advanced','expert'], level)`);
  }

  async setPathway(level: TrainingLevel, dto: PathwayDto, actor: AuthUser) {
    const known: { code: string }[] = await this.ds.query(`SELECT DISTINCT code FROM training_courses WHERE code = ANY($1)`, [dto.courseCodes]);
    const missing = dto.courseCodes.filter((c) => !known.some((k) => k.code === c));
    if (missing.length) throw new ValidationFailedError('Unknown course codes', missing.map((code) => ({ field: 'courseCodes', reason: `no course ${code}` })));
    await this.ds.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT course_codes AS "courseCodes" FROM training_pathways WHERE level = $1`, [level]);
      await tx.query(
        `INSERT INTO training_pathways (level, course_codes, name, name_en) VALUES ($1, $2, $3, $4)
         ON CONFLICT (level) DO UPDATE SET course_codes = EXCLUDED.course_codes`,
        [level, dto.courseCodes, `AI·디지털 역량 ${LEVEL_KO[level]} 과정 이수`, `AI & Digital Competency: ${LEVEL_EN[level]} Level`],
      );
      await this.audit.record(tx, actor, { action: 'set_pathway', entityType: 'training_pathway', entityId: level, before, after: dto });
    });
    return this.pathways();
  }
}
