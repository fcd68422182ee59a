import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';
import type { CampaignStatus } from '../campaigns/campaign.dto';
import { SurveyTemplate, validateAnswers } from '../engine';
import { scopedIdempotencyKey } from '../idempotency';
import { invalidAnswers } from '../invalid-answers';
import type { SurveyDraftSavedDto } from '../respond/respond-responses.dto';
import type { SurveySchoolResponseDto, SurveySchoolSubmittedDto } from './school-response.dto';

interface SchoolCampaign {
  title: string;
  audience: string;
  status: CampaignStatus;
  definition: SurveyTemplate;
}

/**
 * A school-level survey (e.g. the office's 실태조사) is answered once per school by its principal,
 * logged in. Unlike respondent answers it is deliberately linked to the school and the submitter.
 */
@Injectable()
export class SchoolResponseService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditLog,
  ) {}

  private async campaign(campaignId: number, schoolId: number, actor: AuthUser, mode: 'read' | 'write'): Promise<SchoolCampaign> {
    const c = await this.campaigns.forSchool(campaignId, schoolId, actor, mode);
    if (c.audience !== 'school') {
      throw new ConflictError('This campaign is answered by respondents with codes, not by the school', [{ field: 'audience', reason: c.audience }], 'NOT_A_SCHOOL_SURVEY');
    }
    const [{ definition }] = await this.ds.query(`SELECT v.definition FROM survey_campaigns c JOIN survey_template_versions v ON v.id = c.template_version_id WHERE c.id = $1`, [campaignId]);
    return { title: c.title, audience: c.audience, status: c.status, definition };
  }

  private assertOpen(c: SchoolCampaign): void {
    if (c.status !== 'open') throw new ConflictError('This survey is not open now', [{ field: 'campaign', reason: c.status }], 'SURVEY_CLOSED');
  }

  async get(campaignId: number, schoolId: number, actor: AuthUser): Promise<SurveySchoolResponseDto> {
    const c = await this.campaign(campaignId, schoolId, actor, 'read');
    const [draft] = await this.ds.query(`SELECT answers FROM survey_school_drafts WHERE campaign_id = $1 AND school_id = $2`, [campaignId, schoolId]);
    const [submitted] = await this.ds.query(
      `SELECT m.submitted_at AS "submittedAt", u.display_name AS "submittedBy", r.answers
       FROM survey_school_submissions m JOIN survey_responses r ON r.id = m.response_id JOIN users u ON u.id = m.submitted_by
       WHERE m.campaign_id = $1 AND m.school_id = $2`,
      [campaignId, schoolId],
    );
    return {
      title: c.title,
      status: c.status,
      definition: c.definition,
      draft: draft?.answers ?? {},
      submitted: submitted ? { submittedAt: submitted.submittedAt, submittedBy: submitted.submittedBy } : null,
      answers: submitted?.answers ?? null,
    };
  }

  async saveDraft(campaignId: number, schoolId: number, answers: unknown, actor: AuthUser): Promise<SurveyDraftSavedDto> {
    const c = await this.campaign(campaignId, schoolId, actor, 'write');
    this.assertOpen(c);
    const { problems, cleaned } = validateAnswers(c.definition, answers, { partial: true });
    if (problems.length) throw invalidAnswers(problems);
    await this.ds.transaction(async (tx) => {
      await this.assertNotSubmitted(tx, campaignId, schoolId, true);
      await tx.query(
        `INSERT INTO survey_school_drafts (campaign_id, school_id, answers, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (campaign_id, school_id) DO UPDATE SET answers = EXCLUDED.answers, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [campaignId, schoolId, JSON.stringify(cleaned), actor.id],
      );
    });
    return { saved: true, answers: cleaned };
  }

  /**
   * Exactly once per school: the school's target row is locked, so concurrent submissions queue;
   * a retry with the same idempotency key returns the first result.
   */
  async submit(campaignId: number, schoolId: number, answers: unknown, idempotencyKey: string, actor: AuthUser): Promise<SurveySchoolSubmittedDto> {
    const c = await this.campaign(campaignId, schoolId, actor, 'write');
    const key = scopedIdempotencyKey(`school:${schoolId}`, idempotencyKey);
    return this.ds.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM survey_campaign_schools WHERE campaign_id = $1 AND school_id = $2 FOR UPDATE`, [campaignId, schoolId]);
      const [previous] = await tx.query(
        `SELECT r.id::text AS "responseId", m.submitted_at AS "submittedAt" FROM survey_responses r JOIN survey_school_submissions m ON m.response_id = r.id
         WHERE r.campaign_id = $1 AND r.school_id = $2 AND r.idempotency_key = $3`,
        [campaignId, schoolId, key],
      );
      if (previous) return { ...previous, repeated: true };
      await this.assertNotSubmitted(tx, campaignId, schoolId, false);
      this.assertOpen(c);
      const { problems, cleaned } = validateAnswers(c.definition, answers, { partial: false });
      if (problems.length) throw invalidAnswers(problems);
      const [row] = await tx.query(
        `INSERT INTO survey_responses (campaign_id, school_id, answers, idempotency_key) VALUES ($1, $2, $3, $4) RETURNING id::text AS "responseId"`,
        [campaignId, schoolId, JSON.stringify(cleaned), key],
      );
      const [m] = await tx.query(
        `INSERT INTO survey_school_submissions (campaign_id, school_id, response_id, submitted_by) VALUES ($1, $2, $3, $4) RETURNING submitted_at AS "submittedAt"`,
        [campaignId, schoolId, row.responseId, actor.id],
      );
      await tx.query(`DELETE FROM survey_school_drafts WHERE campaign_id = $1 AND school_id = $2`, [campaignId, schoolId]);
      await this.audit.record(tx, actor, { action: 'submit', entityType: 'survey_campaign', entityId: campaignId, schoolId, after: { responseId: row.responseId } });
      return { responseId: row.responseId, submittedAt: m.submittedAt, repeated: false };
    });
  }

  private async assertNotSubmitted(tx: EntityManager, campaignId: number, schoolId: number, lock: boolean): Promise<void> {
    const [done] = await tx.query(`SELECT 1 FROM survey_school_submissions WHERE campaign_id = $1 AND school_id = $2 ${lock ? 'FOR SHARE' : ''}`, [campaignId, schoolId]);
    if (done) throw new ConflictError('Your school has already submitted this survey', [{ field: 'campaign', reason: 'submitted' }], 'ALREADY_SUBMITTED');
  }
}
