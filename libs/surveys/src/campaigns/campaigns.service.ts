import { createHash, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, canAccessSchool, ConflictError, ForbiddenError, NotFoundError, SchoolAccess, schoolScopeSql, SqlParams, ValidationFailedError } from '@app/core';
import { SurveyTemplatesService } from '../templates/survey-templates.service';
import type { CreateCampaignDto } from './campaign.dto';

/** No 0/O or 1/I/L: codes are typed from paper. 10 characters of 31 ≈ 49.5 bits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

export function hashCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');
}

function newCode(): string {
  let c = '';
  for (let i = 0; i < CODE_LENGTH; i++) c += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${c.slice(0, 5)}-${c.slice(5)}`;
}

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly templates: SurveyTemplatesService,
    private readonly schools: SchoolAccess,
    private readonly audit: AuditLog,
  ) {}

  /** A campaign freezes one template version and resolves its target schools now, within the creator's scope. */
  async create(dto: CreateCampaignDto, actor: AuthUser) {
    if (new Date(dto.closesAt) <= new Date(dto.opensAt)) throw new ValidationFailedError('Invalid window', [{ field: 'closesAt', reason: 'must be after opensAt' }]);
    const template = await this.templates.get(dto.templateId, actor);
    if (actor.role === 'principal' && template.kind !== 'demand') {
      throw new ForbiddenError("A principal runs demand surveys (수요조사) for their own school; the office's surveys are run by administrators", 'ROLE_NOT_ALLOWED');
    }
    const version = dto.version ?? template.latestVersion;
    const [frozen] = await this.ds.query(`SELECT id FROM survey_template_versions WHERE template_id = $1 AND version = $2`, [dto.templateId, version]);
    if (!frozen) throw new ValidationFailedError('No such template version', [{ field: 'version', reason: `template ${dto.templateId} has no version ${version}` }]);
    const p = new SqlParams();
    const where = [schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' })];
    const t = dto.target;
    if (t.offices?.length) where.push(`d.office_code = ANY(${p.add(t.offices)})`);
    if (t.districts?.length) where.push(`s.district = ANY(${p.add(t.districts)})`);
    if (t.levels?.length) where.push(`s.level = ANY(${p.add(t.levels)})`);
    if (t.schoolIds?.length) where.push(`s.id = ANY(${p.add(t.schoolIds)})`);
    if (t.designationType) where.push(`EXISTS (SELECT 1 FROM designations g WHERE g.school_id = s.id AND g.status = 'active' AND g.type_code = ${p.add(t.designationType)})`);
    const targets: { id: number }[] = await this.ds.query(`SELECT s.id FROM schools s JOIN districts d ON d.name = s.district WHERE ${where.join(' AND ')}`, p.values);
    if (!targets.length) throw new ValidationFailedError('The target selects no school you may survey', [{ field: 'target', reason: 'no school matches' }], 'NO_TARGET_SCHOOLS');
    // A principal's campaign is their school's own demand survey: its results are the school's and its office's.
    const ownerSchoolId = actor.role === 'principal' ? actor.schoolId : null;
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO survey_campaigns (template_version_id, title, audience, grades, owner_school_id, opens_at, closes_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [frozen.id, dto.title.trim(), dto.audience, dto.grades ?? [], ownerSchoolId, dto.opensAt, dto.closesAt, actor.id],
      );
      await tx.query(`INSERT INTO survey_campaign_schools (campaign_id, school_id) SELECT $1, unnest($2::int[])`, [id, targets.map((s) => s.id)]);
      await this.audit.record(tx, actor, { action: 'create', entityType: 'survey_campaign', entityId: id, after: { ...dto, version, schools: targets.length } });
      return id as number;
    });
    return this.get(id, actor);
  }

  async get(id: number, actor: AuthUser) {
    const [row] = await this.ds.query(
      `SELECT c.id, c.title, c.audience, c.grades, c.opens_at AS "opensAt", c.closes_at AS "closesAt", c.suppression_threshold AS "suppressionThreshold",
              v.template_id AS "templateId", v.version, c.owner_school_id AS "ownerSchoolId",
              (SELECT count(*)::int FROM survey_campaign_schools x WHERE x.campaign_id = c.id) AS schools,
              (SELECT count(*)::int FROM survey_responses r WHERE r.campaign_id = c.id) AS responses
       FROM survey_campaigns c JOIN survey_template_versions v ON v.id = c.template_version_id WHERE c.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('survey campaign', id);
    if (actor.role !== 'city_admin') {
      const p = new SqlParams();
      const [visible] = await this.ds.query(
        `SELECT 1 FROM survey_campaign_schools x JOIN schools s ON s.id = x.school_id JOIN districts d ON d.name = s.district
         WHERE x.campaign_id = ${p.add(id)} AND ${schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' })} LIMIT 1`,
        p.values,
      );
      if (!visible) throw new ForbiddenError('This campaign does not survey your schools', 'SCHOOL_OUT_OF_SCOPE');
    }
    return row;
  }

  /**
   * One-time codes for a school's respondents, returned once in plain text for printing; only their
   * hashes are stored. The school's principal (or an administrator in scope) sets how many.
   */
  async issueCodes(campaignId: number, schoolId: number, count: number, actor: AuthUser): Promise<{ codes: string[] }> {
    const school = await this.schools.assert(actor, schoolId, 'write');
    if (!canAccessSchool(actor, school, 'write')) throw new ForbiddenError();
    const [target] = await this.ds.query(
      `SELECT c.audience FROM survey_campaign_schools x JOIN survey_campaigns c ON c.id = x.campaign_id WHERE x.campaign_id = $1 AND x.school_id = $2`,
      [campaignId, schoolId],
    );
    if (!target) throw new NotFoundError(`school ${schoolId} in survey campaign`, campaignId);
    if (target.audience === 'school') throw new ConflictError('This campaign is answered by the principal, not with codes', [{ field: 'audience', reason: 'school' }], 'NO_CODES_FOR_SCHOOL_SURVEY');
    const codes = Array.from({ length: count }, newCode);
    await this.ds.transaction(async (tx) => {
      await tx.query(`INSERT INTO survey_codes (code_hash, campaign_id, school_id) SELECT unnest($1::text[]), $2, $3`, [codes.map(hashCode), campaignId, schoolId]);
      await this.audit.record(tx, actor, { action: 'issue_codes', entityType: 'survey_campaign', entityId: campaignId, schoolId, after: { count } });
    });
    return { codes };
  }
}
