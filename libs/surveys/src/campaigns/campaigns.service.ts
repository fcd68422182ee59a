import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, ForbiddenError, JobName, JobQueue, NotFoundError, SchoolAccess, schoolScopeSql, seoulWindow, SqlParams, ValidationFailedError } from '@app/core';
import { SurveyTemplatesService } from '../templates/survey-templates.service';
import type { CampaignStatus, CreateCampaignDto } from './campaign.dto';
import type { CampaignDto, CampaignListDto, CodeBatchListDto, CodeSheetDto, IssuedCodesDto } from './campaign-responses.dto';
import { CodeBatches } from './code-batches.service';

/** Status follows the clock; nothing has to flip it. */
const STATUS = `CASE WHEN now() < c.opens_at THEN 'scheduled' WHEN now() < c.closes_at THEN 'open' ELSE 'closed' END`;

const CAMPAIGN_SELECT = `
  SELECT c.id, c.title, c.audience, c.grades, c.opens_at AS "opensAt", c.closes_at AS "closesAt", ${STATUS} AS status,
         c.suppression_threshold AS "suppressionThreshold", c.codes_per_school AS "codesPerSchool", c.reminder_threshold::float AS "reminderThreshold",
         c.distributed_at AS "distributedAt", c.final_aggregated_at AS "finalAggregatedAt",
         v.template_id AS "templateId", v.version, v.definition->>'title' AS "templateTitle", t.kind, c.owner_school_id AS "ownerSchoolId"
  FROM survey_campaigns c JOIN survey_template_versions v ON v.id = c.template_version_id JOIN survey_templates t ON t.id = v.template_id`;

const SCOPED_SCHOOLS = `survey_campaign_schools x JOIN schools s ON s.id = x.school_id JOIN districts d ON d.name = s.district`;

@Injectable()
export class CampaignsService {
  private readonly logger = new Logger('SurveyCampaigns');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly templates: SurveyTemplatesService,
    private readonly schools: SchoolAccess,
    private readonly audit: AuditLog,
    private readonly batches: CodeBatches,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * A campaign freezes one template version and resolves its target schools now, within the creator's scope.
   * A window given as dates runs from the start of the first Seoul day to the end of the last.
   */
  async create(given: CreateCampaignDto, actor: AuthUser): Promise<CampaignDto> {
    const dto = seoulWindow(given);
    if (new Date(dto.closesAt) <= new Date(dto.opensAt)) throw new ValidationFailedError('Invalid window', [{ field: 'closesAt', reason: 'must be after opensAt' }]);
    if (new Date(dto.closesAt) <= new Date()) throw new ValidationFailedError('Invalid window', [{ field: 'closesAt', reason: 'must be in the future' }]);
    const template = await this.templates.get(dto.templateId, actor);
    if (actor.role === 'principal' && template.kind !== 'demand') {
      throw new ForbiddenError("A principal runs demand surveys (수요조사) for their own school; the office's surveys are run by administrators", 'ROLE_NOT_ALLOWED');
    }
    if (dto.audience === 'school' && dto.codesPerSchool) {
      throw new ValidationFailedError('A school-level survey is answered by the principal, not with codes', [{ field: 'codesPerSchool', reason: 'must be 0 when audience is school' }]);
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
        `INSERT INTO survey_campaigns (template_version_id, title, audience, grades, owner_school_id, opens_at, closes_at, created_by, codes_per_school, reminder_threshold)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [frozen.id, dto.title.trim(), dto.audience, dto.grades ?? [], ownerSchoolId, dto.opensAt, dto.closesAt, actor.id, dto.codesPerSchool ?? 0, dto.reminderThreshold ?? 0.5],
      );
      await tx.query(`INSERT INTO survey_campaign_schools (campaign_id, school_id) SELECT $1, unnest($2::int[])`, [id, targets.map((s) => s.id)]);
      await this.audit.record(tx, actor, { action: 'create', entityType: 'survey_campaign', entityId: id, after: { ...dto, version, schools: targets.length } });
      // A campaign already open is distributed now; the job is committed with it (the outbox), Redis or not.
      if (new Date(dto.opensAt) <= new Date()) await this.jobs.enqueue(JobName.SurveyDistribute, { requestedBy: actor.id, campaignId: id }, { dedupeKey: String(id) }, tx);
      return id as number;
    });
    return this.get(id, actor);
  }

  /** Campaigns that survey at least one school in the caller's scope, newest first. */
  async list(actor: AuthUser, status?: CampaignStatus): Promise<CampaignListDto> {
    const p = new SqlParams();
    const scope = schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' });
    const items = await this.ds.query(
      `SELECT * FROM (
         ${CAMPAIGN_SELECT.replace('FROM survey_campaigns c', `, scoped.schools, scoped.responses FROM survey_campaigns c`)}
         JOIN LATERAL (
           SELECT count(*)::int AS schools, coalesce(sum((SELECT count(*) FROM survey_responses r WHERE r.campaign_id = c.id AND r.school_id = x.school_id)), 0)::int AS responses
           FROM ${SCOPED_SCHOOLS} WHERE x.campaign_id = c.id AND ${scope}
         ) scoped ON scoped.schools > 0
       ) l ${status ? `WHERE l.status = ${p.add(status)}` : ''}
       ORDER BY l."opensAt" DESC, l.id DESC`,
      p.values,
    );
    return { items };
  }

  async get(id: number, actor: AuthUser): Promise<CampaignDto> {
    const [row] = await this.ds.query(
      `${CAMPAIGN_SELECT.replace('FROM survey_campaigns c', `,
         (SELECT count(*)::int FROM survey_campaign_schools x WHERE x.campaign_id = c.id) AS schools,
         (SELECT count(*)::int FROM survey_responses r WHERE r.campaign_id = c.id) AS responses
       FROM survey_campaigns c`)} WHERE c.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('survey campaign', id);
    if (actor.role !== 'city_admin') {
      const p = new SqlParams();
      const [visible] = await this.ds.query(
        `SELECT 1 FROM ${SCOPED_SCHOOLS} WHERE x.campaign_id = ${p.add(id)} AND ${schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' })} LIMIT 1`,
        p.values,
      );
      if (!visible) throw new ForbiddenError('This campaign does not survey your schools', 'SCHOOL_OUT_OF_SCOPE');
    }
    return row;
  }

  /**
   * Running a campaign (aggregating, reminding, exporting): administrators in scope, or the
   * principal whose own demand survey it is.
   */
  async assertManages(id: number, actor: AuthUser): Promise<CampaignDto> {
    const campaign = await this.get(id, actor);
    if (actor.role === 'teacher' || (actor.role === 'principal' && campaign.ownerSchoolId !== actor.schoolId)) {
      throw new ForbiddenError("Only the campaign's administrators (or the principal who runs this demand survey) may do this", 'NOT_CAMPAIGN_MANAGER');
    }
    return campaign;
  }

  /** The campaign as seen for one of its target schools: 404 if the school is not surveyed by it. */
  async forSchool(campaignId: number, schoolId: number, actor: AuthUser, mode: 'read' | 'write'): Promise<CampaignDto> {
    await this.schools.assert(actor, schoolId, mode);
    const campaign = await this.get(campaignId, actor);
    const [target] = await this.ds.query(`SELECT 1 FROM survey_campaign_schools WHERE campaign_id = $1 AND school_id = $2`, [campaignId, schoolId]);
    if (!target) throw new NotFoundError(`school ${schoolId} in survey campaign`, campaignId);
    return campaign;
  }

  /**
   * One-time codes for a school's respondents, returned once in plain text for printing. The
   * school's principal (or an administrator in scope) sets how many.
   */
  async issueCodes(campaignId: number, schoolId: number, count: number, actor: AuthUser): Promise<IssuedCodesDto> {
    const campaign = await this.forSchool(campaignId, schoolId, actor, 'write');
    if (campaign.audience === 'school') throw new ConflictError('This campaign is answered by the principal, not with codes', [{ field: 'audience', reason: 'school' }], 'NO_CODES_FOR_SCHOOL_SURVEY');
    if (campaign.status === 'closed') throw new ConflictError('This survey has closed', [{ field: 'campaign', reason: 'closed' }], 'SURVEY_CLOSED');
    return this.ds.transaction(async (tx) => {
      const batch = await this.batches.create(tx, campaignId, schoolId, count, 'principal', actor.id);
      await this.audit.record(tx, actor, { action: 'issue_codes', entityType: 'survey_campaign', entityId: campaignId, schoolId, after: { count, batchId: batch.batchId } });
      return batch;
    });
  }

  async codeBatches(campaignId: number, schoolId: number, actor: AuthUser): Promise<CodeBatchListDto> {
    await this.forSchool(campaignId, schoolId, actor, 'read');
    return this.batches.list(campaignId, schoolId);
  }

  /** The printable sheet holds usable codes, so it needs the right to act for the school. */
  async codeSheet(campaignId: number, schoolId: number, batchId: number, actor: AuthUser): Promise<CodeSheetDto> {
    await this.forSchool(campaignId, schoolId, actor, 'write');
    return this.batches.sheet(campaignId, schoolId, batchId);
  }
}
