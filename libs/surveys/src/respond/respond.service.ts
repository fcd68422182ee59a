import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, CodeGuesses, ConflictError, NotFoundError, REDIS } from '@app/core';
import { SurveyTemplate, validateAnswers } from '../engine';
import { SurveyCodeHash } from '../campaigns/code-batches.service';
import { scopedIdempotencyKey } from '../idempotency';
import { invalidAnswers } from '../invalid-answers';
import type { SurveyDraftSavedDto, SurveyRespondFormDto, SurveySubmittedResponseDto } from './respond-responses.dto';

interface CodeContext {
  codeHash: string;
  campaignId: number;
  schoolId: number;
  used: boolean;
  title: string;
  definition: SurveyTemplate;
  opensAt: string;
  closesAt: string;
}

/** Anonymous answering with a one-time code: read the form, save a draft, submit exactly once. */
@Injectable()
export class RespondService {
  private readonly guesses: CodeGuesses;
  private readonly codes: SurveyCodeHash;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.guesses = new CodeGuesses(redis, `${config.redisKeyPrefix}:survey-code-fail`, config.loginWindowSeconds, config.surveyCodeMaxFailures, 'survey code');
    this.codes = new SurveyCodeHash(config.badgeKeySecret);
  }

  /** `work`, refused while the address has typed too many wrong codes (a wrong one counted). */
  guarded<T>(ip: string, work: () => Promise<T>): Promise<T> {
    return this.guesses.guarded(ip, work);
  }

  private async context(code: string, lock = false, manager = this.ds.manager): Promise<CodeContext> {
    const [row] = await manager.query(
      `SELECT k.code_hash AS "codeHash", k.campaign_id AS "campaignId", k.school_id AS "schoolId", k.used, c.title, v.definition,
              c.opens_at AS "opensAt", c.closes_at AS "closesAt"
       FROM survey_codes k JOIN survey_campaigns c ON c.id = k.campaign_id JOIN survey_template_versions v ON v.id = c.template_version_id
       WHERE k.code_hash = $1 ${lock ? 'FOR UPDATE OF k' : ''}`,
      [this.codes.hash(code)],
    );
    if (!row) throw new NotFoundError('survey code', '(given)');
    return row;
  }

  private assertOpen(ctx: CodeContext): void {
    const now = Date.now();
    if (now < new Date(ctx.opensAt).getTime() || now > new Date(ctx.closesAt).getTime()) {
      throw new ConflictError('This survey is not open now', [{ field: 'campaign', reason: `open ${new Date(ctx.opensAt).toISOString()} – ${new Date(ctx.closesAt).toISOString()}` }], 'SURVEY_CLOSED');
    }
  }

  async form(code: string): Promise<SurveyRespondFormDto> {
    const ctx = await this.context(code);
    if (ctx.used) throw new ConflictError('This code has already been used', [{ field: 'code', reason: 'used' }], 'CODE_USED');
    const [draft] = await this.ds.query(`SELECT answers FROM survey_drafts WHERE code_hash = $1`, [ctx.codeHash]);
    return { title: ctx.title, definition: ctx.definition, opensAt: ctx.opensAt, closesAt: ctx.closesAt, draft: draft?.answers ?? {} };
  }

  async saveDraft(code: string, answers: unknown): Promise<SurveyDraftSavedDto> {
    const ctx = await this.context(code);
    this.assertOpen(ctx);
    if (ctx.used) throw new ConflictError('This code has already been used', [{ field: 'code', reason: 'used' }], 'CODE_USED');
    const { problems, cleaned } = validateAnswers(ctx.definition, answers, { partial: true });
    if (problems.length) throw invalidAnswers(problems);
    await this.ds.query(
      `INSERT INTO survey_drafts (code_hash, answers) VALUES ($1, $2) ON CONFLICT (code_hash) DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()`,
      [ctx.codeHash, JSON.stringify(cleaned)],
    );
    return { saved: true, answers: cleaned };
  }

  /**
   * Submits once. The code row is locked, so two submissions with one code race to one result; a
   * retry with the same idempotency key gets the first answer back instead of an error.
   */
  async submit(code: string, answers: unknown, idempotencyKey: string): Promise<SurveySubmittedResponseDto> {
    return this.ds.transaction(async (tx) => {
      const ctx = await this.context(code, true, tx);
      const key = scopedIdempotencyKey(`code:${ctx.codeHash}`, idempotencyKey);
      const [previous] = await tx.query(`SELECT id::text, to_char(submitted_on, 'YYYY-MM-DD') AS "submittedOn" FROM survey_responses WHERE campaign_id = $1 AND idempotency_key = $2`, [ctx.campaignId, key]);
      if (previous) return { responseId: previous.id, submittedOn: previous.submittedOn, repeated: true };
      if (ctx.used) throw new ConflictError('This code has already been used', [{ field: 'code', reason: 'used' }], 'CODE_USED');
      this.assertOpen(ctx);
      const { problems, cleaned } = validateAnswers(ctx.definition, answers, { partial: false });
      if (problems.length) throw invalidAnswers(problems);
      const [row] = await tx.query(
        `INSERT INTO survey_responses (campaign_id, school_id, answers, idempotency_key) VALUES ($1, $2, $3, $4) RETURNING id::text, to_char(submitted_on, 'YYYY-MM-DD') AS "submittedOn"`,
        [ctx.campaignId, ctx.schoolId, JSON.stringify(cleaned), key],
      );
      await tx.query(`UPDATE survey_codes SET used = true WHERE code_hash = $1`, [ctx.codeHash]);
      await tx.query(`DELETE FROM survey_drafts WHERE code_hash = $1`, [ctx.codeHash]);
      return { responseId: row.id, submittedOn: row.submittedOn, repeated: false };
    });
  }
}

