import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, CodeGuesses, ConflictError, NotFoundError, REDIS } from '@app/core';
import { Problem, SurveyTemplate, validateAnswers } from '../engine';
import { SurveyCodeHash } from '../campaigns/code-batches.service';
import { scopedIdempotencyKey } from '../idempotency';
import { invalidAnswers } from '../invalid-answers';
import { FrozenVersions } from './frozen-versions';
import type { SurveyDraftSavedDto, SurveyRespondFormDto, SurveySubmittedResponseDto } from './respond-responses.dto';

interface CodeContext {
  codeHash: string;
  campaignId: number;
  schoolId: number;
  used: boolean;
  title: string;
  versionId: number;
  definition: SurveyTemplate;
  opensAt: string;
  closesAt: string;
}

/**
 * A whole submission in one statement and one round trip: `survey_submit` (migration
 * SurveySubmitOneTrip) locks the code, answers a retry with its first response, refuses a used code
 * or a closed campaign, and otherwise inserts the response, marks the code used and deletes the
 * draft. $1 the code's keyed hash, $2 the scoped idempotency key, $3 the answers cleaned per
 * template version (`{ "<id>": cleaned | null }`), $4 the time that decides whether it is open.
 * The benchmark's bare route runs it too.
 */
export const SUBMIT_SQL = `SELECT outcome, response_id AS "responseId", submitted_day AS "submittedOn", version_id AS "versionId",
       window_opens AS "opensAt", window_closes AS "closesAt", version_definition AS definition
FROM survey_submit($1, $2, $3, $4)`;

export interface SubmitOutcome {
  outcome: 'not_found' | 'repeated' | 'used' | 'closed' | 'unknown_version' | 'invalid' | 'submitted';
  responseId: string | null;
  submittedOn: string | null;
  versionId: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  definition: SurveyTemplate | null;
}

const codeUsed = () => new ConflictError('This code has already been used', [{ field: 'code', reason: 'used' }], 'CODE_USED');
const surveyClosed = (opensAt: string | Date, closesAt: string | Date) =>
  new ConflictError('This survey is not open now', [{ field: 'campaign', reason: `open ${new Date(opensAt).toISOString()} – ${new Date(closesAt).toISOString()}` }], 'SURVEY_CLOSED');

/** Anonymous answering with a one-time code: read the form, save a draft, submit exactly once. */
@Injectable()
export class RespondService {
  private readonly guesses: CodeGuesses;
  private readonly codes: SurveyCodeHash;
  /** Frozen template versions seen by this process (immutable, so safe to keep). */
  private readonly versions = new FrozenVersions();

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

  private async context(code: string): Promise<CodeContext> {
    const [row] = await this.ds.query(
      `SELECT k.code_hash AS "codeHash", k.campaign_id AS "campaignId", k.school_id AS "schoolId", k.used, c.title, v.id AS "versionId", v.definition,
              c.opens_at AS "opensAt", c.closes_at AS "closesAt"
       FROM survey_codes k JOIN survey_campaigns c ON c.id = k.campaign_id JOIN survey_template_versions v ON v.id = c.template_version_id
       WHERE k.code_hash = $1`,
      [this.codes.hash(code)],
    );
    if (!row) throw new NotFoundError('survey code', '(given)');
    // A respondent who opened the form will submit against this version: hold it already.
    this.versions.remember(row.versionId, row.definition);
    return row;
  }

  private assertOpen(ctx: CodeContext): void {
    const now = Date.now();
    if (now < new Date(ctx.opensAt).getTime() || now > new Date(ctx.closesAt).getTime()) throw surveyClosed(ctx.opensAt, ctx.closesAt);
  }

  async form(code: string): Promise<SurveyRespondFormDto> {
    const ctx = await this.context(code);
    if (ctx.used) throw codeUsed();
    const [draft] = await this.ds.query(`SELECT answers FROM survey_drafts WHERE code_hash = $1`, [ctx.codeHash]);
    return { title: ctx.title, definition: ctx.definition, opensAt: ctx.opensAt, closesAt: ctx.closesAt, draft: draft?.answers ?? {} };
  }

  async saveDraft(code: string, answers: unknown): Promise<SurveyDraftSavedDto> {
    const ctx = await this.context(code);
    this.assertOpen(ctx);
    if (ctx.used) throw codeUsed();
    const { problems, cleaned } = validateAnswers(ctx.definition, answers, { partial: true });
    if (problems.length) throw invalidAnswers(problems);
    await this.ds.query(
      `INSERT INTO survey_drafts (code_hash, answers) VALUES ($1, $2) ON CONFLICT (code_hash) DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()`,
      [ctx.codeHash, JSON.stringify(cleaned)],
    );
    return { saved: true, answers: cleaned };
  }

  /**
   * Submits once, in one round trip (`survey_submit`). The code row is locked, so two submissions
   * with one code race to one result; a retry with the same idempotency key gets the first answer
   * back instead of an error. Which campaign (and so which frozen version) a code belongs to is
   * only known in the database, so the answers go there validated against every version this
   * process holds; the first submission of a version this process has not seen takes a second
   * round trip to fetch it.
   */
  async submit(code: string, answers: unknown, idempotencyKey: string): Promise<SurveySubmittedResponseDto> {
    const codeHash = this.codes.hash(code);
    const key = scopedIdempotencyKey(`code:${codeHash}`, idempotencyKey);
    // Every held version's verdict on these answers: the cleaned answers, or null with the problems.
    const cleaned: Record<number, unknown> = {};
    const problems = new Map<number, Problem[]>();
    const check = (id: number, template: SurveyTemplate) => {
      if (problems.has(id)) return;
      const v = validateAnswers(template, answers, { partial: false });
      problems.set(id, v.problems);
      cleaned[id] = v.problems.length ? null : v.cleaned;
    };
    for (const [id, template] of this.versions.current()) check(id, template);
    for (let attempt = 1; ; attempt++) {
      const [r]: SubmitOutcome[] = await this.ds.query(SUBMIT_SQL, [codeHash, key, JSON.stringify(cleaned), new Date()]);
      if (r.versionId !== null && r.outcome !== 'unknown_version') this.versions.touch(r.versionId);
      switch (r.outcome) {
        case 'not_found':
          throw new NotFoundError('survey code', '(given)');
        case 'repeated':
          return { responseId: r.responseId!, submittedOn: r.submittedOn!, repeated: true };
        case 'used':
          throw codeUsed();
        case 'closed':
          throw surveyClosed(r.opensAt!, r.closesAt!);
        case 'invalid':
          throw invalidAnswers(problems.get(r.versionId!) ?? []);
        case 'submitted':
          return { responseId: r.responseId!, submittedOn: r.submittedOn!, repeated: false };
        case 'unknown_version':
          if (attempt > 1) throw new Error(`survey_submit did not take the answers for template version ${r.versionId}`);
          this.versions.remember(r.versionId!, r.definition!);
          check(r.versionId!, r.definition!);
          continue;
      }
    }
  }
}
