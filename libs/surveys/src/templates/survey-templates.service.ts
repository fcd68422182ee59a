import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, canAccessSchool, ForbiddenError, NotFoundError, SchoolAccess, ValidationFailedError } from '@app/core';
import { SurveyTemplate, templateFingerprint, validateTemplate } from '../engine';
import type { CreateTemplateDto, SurveyKind } from './template.dto';
import type { SurveyTemplateVersionDto } from './template-responses.dto';

export interface TemplateView {
  id: number;
  kind: SurveyKind;
  ownerSchoolId: number | null;
  title: string;
  latestVersion: number;
  versions: { version: number; fingerprint: string; createdAt: string }[];
  definition: SurveyTemplate;
}

const TEMPLATE_SELECT = `
  SELECT t.id, t.kind, t.owner_school_id AS "ownerSchoolId", v.definition->>'title' AS title, v.version AS "latestVersion", v.definition,
         (SELECT json_agg(json_build_object('version', x.version, 'fingerprint', x.fingerprint, 'createdAt', x.created_at) ORDER BY x.version)
          FROM survey_template_versions x WHERE x.template_id = t.id) AS versions
  FROM survey_templates t
  JOIN LATERAL (SELECT * FROM survey_template_versions v WHERE v.template_id = t.id ORDER BY v.version DESC LIMIT 1) v ON TRUE`;

/**
 * Survey templates with immutable versions. The office's templates are kept by city and district
 * administrators; a principal keeps demand-survey templates for their own school only.
 */
@Injectable()
export class SurveyTemplatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly schools: SchoolAccess,
  ) {}

  async create(dto: CreateTemplateDto, actor: AuthUser): Promise<TemplateView> {
    if (actor.role === 'teacher') throw new ForbiddenError('Teachers do not create surveys', 'ROLE_NOT_ALLOWED');
    const ownerSchoolId = actor.role === 'principal' ? actor.schoolId : null;
    if (ownerSchoolId && dto.kind !== 'demand') {
      throw new ValidationFailedError('A school creates demand surveys only', [{ field: 'kind', reason: 'principals create demand surveys (수요조사) for their own school' }]);
    }
    checkDefinition(dto.definition);
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(`INSERT INTO survey_templates (kind, owner_school_id, created_by) VALUES ($1, $2, $3) RETURNING id`, [dto.kind, ownerSchoolId, actor.id]);
      await tx.query(
        `INSERT INTO survey_template_versions (template_id, version, fingerprint, definition, created_by) VALUES ($1, 1, $2, $3, $4)`,
        [id, templateFingerprint(dto.definition), JSON.stringify(dto.definition), actor.id],
      );
      await this.audit.record(tx, actor, { action: 'create', entityType: 'survey_template', entityId: id, schoolId: ownerSchoolId, after: { kind: dto.kind, version: 1 } });
      return id as number;
    });
    return this.get(id, actor);
  }

  /** Editing makes the next version, unless the definition is unchanged; earlier versions stay as they were. */
  async update(id: number, definition: Record<string, unknown>, actor: AuthUser): Promise<TemplateView> {
    const current = await this.get(id, actor, 'write');
    checkDefinition(definition);
    const fingerprint = templateFingerprint(definition);
    if (current.versions[current.versions.length - 1].fingerprint !== fingerprint) {
      await this.ds.transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM survey_templates WHERE id = $1 FOR UPDATE`, [id]);
        const [{ next }] = await tx.query(`SELECT max(version) + 1 AS next FROM survey_template_versions WHERE template_id = $1`, [id]);
        await tx.query(
          `INSERT INTO survey_template_versions (template_id, version, fingerprint, definition, created_by) VALUES ($1, $2, $3, $4, $5)`,
          [id, next, fingerprint, JSON.stringify(definition), actor.id],
        );
        await this.audit.record(tx, actor, { action: 'new_version', entityType: 'survey_template', entityId: id, schoolId: current.ownerSchoolId, before: { version: next - 1 }, after: { version: next } });
      });
    }
    return this.get(id, actor);
  }

  async get(id: number, actor: AuthUser, mode: 'read' | 'write' = 'read'): Promise<TemplateView> {
    const [row] = await this.ds.query(`${TEMPLATE_SELECT} WHERE t.id = $1`, [id]);
    if (!row) throw new NotFoundError('survey template', id);
    await this.assertAccess(row, actor, mode);
    return row;
  }

  async version(id: number, version: number, actor: AuthUser): Promise<SurveyTemplateVersionDto> {
    const template = await this.get(id, actor);
    const [row] = await this.ds.query(`SELECT version, fingerprint, definition, created_at AS "createdAt" FROM survey_template_versions WHERE template_id = $1 AND version = $2`, [id, version]);
    if (!row) throw new NotFoundError(`version of survey template ${template.id}`, version);
    return { templateId: id, kind: template.kind, ...row };
  }

  /** The office's templates, and the caller's own school's demand templates (a district admin: their office's schools'). */
  list(actor: AuthUser): Promise<TemplateView[]> {
    const own = actor.role === 'city_admin'
      ? 'TRUE'
      : actor.role === 'district_admin'
        ? `t.owner_school_id IN (SELECT s.id FROM schools s JOIN districts d ON d.name = s.district WHERE d.office_code = $1)`
        : `t.owner_school_id = $1`;
    const param = actor.role === 'district_admin' ? actor.districtOffice : actor.schoolId;
    return this.ds.query(
      `SELECT * FROM (${TEMPLATE_SELECT} WHERE t.owner_school_id IS NULL OR ${own}) x ORDER BY x.id DESC`,
      actor.role === 'city_admin' ? [] : [param],
    );
  }

  /** Office templates: readable by all, changed by administrators; a school's: the school rule. */
  private async assertAccess(t: { ownerSchoolId: number | null }, actor: AuthUser, mode: 'read' | 'write'): Promise<void> {
    if (t.ownerSchoolId === null) {
      if (mode === 'write' && actor.role !== 'city_admin' && actor.role !== 'district_admin') {
        throw new ForbiddenError("Only administrators change the office's survey templates", 'ROLE_NOT_ALLOWED');
      }
      return;
    }
    const school = await this.schools.find(t.ownerSchoolId);
    if (!school || !canAccessSchool(actor, school, mode) || (mode === 'write' && actor.role === 'teacher')) {
      throw new ForbiddenError("This survey template belongs to another school", 'SCHOOL_OUT_OF_SCOPE');
    }
  }
}

function checkDefinition(definition: unknown): void {
  const problems = validateTemplate(definition);
  if (problems.length) {
    throw new ValidationFailedError(`The survey template is invalid: ${problems.length} problem(s)`, problems.map((p) => ({ field: toField(p.path), reason: p.reason })), 'INVALID_TEMPLATE');
  }
}

/** The engine's `sections[0].questions[1]` in the API's dotted form, under the request field. */
function toField(path: string): string {
  return ['definition', path.replace(/\[(\d+)\]/g, '.$1')].filter(Boolean).join('.').replace(/\.+/g, '.').replace(/\.$/, '');
}
