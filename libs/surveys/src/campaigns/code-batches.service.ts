import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, KeyedHash, newTypeableCode, normalizeTypeableCode, NotFoundError, Sealer } from '@app/core';
import type { CodeBatchListDto, CodeSheetDto, IssuedCodesDto } from './campaign-responses.dto';

/** Typed from paper: 10 characters of 31 ≈ 49.5 bits, as ABCDE-23456. */
const CODE_LENGTH = 10;

export type BatchSource = 'distribution' | 'principal';


/**
 * A code's stored form: HMAC-SHA-256 under a key derived from the server's secret. A code has only
 * ~49.5 bits, so a plain hash of it could be reversed offline from a copy of the table; this cannot
 * without the secret.
 */
export class SurveyCodeHash {
  private readonly keyed: KeyedHash;

  constructor(secret: string) {
    this.keyed = new KeyedHash(secret, 'survey-code');
  }

  hash(code: string): string {
    return this.keyed.digest(normalizeTypeableCode(code)).toString('hex');
  }
}

const newCode = (): string => newTypeableCode(CODE_LENGTH, 5);

/**
 * One-time respondent codes, made in batches that are printed as a sheet. Checking a code needs
 * only its hash (survey_codes); the batch keeps the codes sealed so the sheet can be printed again.
 */
@Injectable()
export class CodeBatches {
  private readonly sealer: Sealer;
  private readonly codes: SurveyCodeHash;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {
    this.sealer = new Sealer(config.badgeKeySecret, 'survey-code-sheets');
    this.codes = new SurveyCodeHash(config.badgeKeySecret);
  }

  async create(tx: EntityManager, campaignId: number, schoolId: number, count: number, source: BatchSource, createdBy: string | null): Promise<IssuedCodesDto> {
    const codes = Array.from({ length: count }, newCode);
    const [{ id }] = await tx.query(
      `INSERT INTO survey_code_batches (campaign_id, school_id, count, source, sealed_codes, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [campaignId, schoolId, count, source, this.sealer.seal(JSON.stringify(codes)), createdBy],
    );
    await tx.query(`INSERT INTO survey_codes (code_hash, campaign_id, school_id, batch_id) SELECT unnest($1::text[]), $2, $3, $4`, [codes.map((c) => this.codes.hash(c)), campaignId, schoolId, id]);
    return { batchId: id as number, codes };
  }

  async list(campaignId: number, schoolId: number): Promise<CodeBatchListDto> {
    const items = await this.ds.query(
      `SELECT b.id, b.count, b.source, b.created_at AS "createdAt", (SELECT count(*)::int FROM survey_codes k WHERE k.batch_id = b.id AND k.used) AS used
       FROM survey_code_batches b WHERE b.campaign_id = $1 AND b.school_id = $2 ORDER BY b.id`,
      [campaignId, schoolId],
    );
    return { items };
  }

  /** The sheet to print: every code of the batch and whether it has been used. */
  async sheet(campaignId: number, schoolId: number, batchId: number): Promise<CodeSheetDto> {
    const [batch] = await this.ds.query(
      `SELECT b.sealed_codes, c.title AS "campaignTitle", c.closes_at AS "closesAt", s.name AS "schoolName"
       FROM survey_code_batches b JOIN survey_campaigns c ON c.id = b.campaign_id JOIN schools s ON s.id = b.school_id
       WHERE b.id = $1 AND b.campaign_id = $2 AND b.school_id = $3`,
      [batchId, campaignId, schoolId],
    );
    if (!batch) throw new NotFoundError('code batch', batchId);
    const codes: string[] = JSON.parse(this.sealer.open(batch.sealed_codes));
    const used = new Set<string>(
      (await this.ds.query(`SELECT code_hash FROM survey_codes WHERE batch_id = $1 AND used`, [batchId])).map((r: { code_hash: string }) => r.code_hash),
    );
    return {
      campaignTitle: batch.campaignTitle,
      schoolName: batch.schoolName,
      closesAt: batch.closesAt,
      respondUrl: `${this.config.publicBaseUrl}/respond`,
      codes: codes.map((code) => ({ code, url: `${this.config.publicBaseUrl}/respond/${code}`, used: used.has(this.codes.hash(code)) })),
    };
  }
}
