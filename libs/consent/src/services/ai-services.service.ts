import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, NotFoundError, rethrowConstraint, seoulDayEndSql } from '@app/core';
import type { AiServiceDto, ConsentNoticeDto } from '../consent.dto';
import type { AiServiceListDto, AiServiceViewDto, ConsentNoticeListDto, ConsentNoticeViewDto } from '../consent-responses.dto';

/**
 * The guide's rules for students' use of generative AI (생성형 AI 교육적 활용 가이드), given with
 * every notice unless the office writes its own (조례 제9조).
 */
export const STANDARD_ETHICS_GUIDANCE = [
  '생성형 AI는 교사의 지도하에 수업 목적으로만 사용합니다.',
  '이름, 연락처, 주소, 사진 등 개인정보와 다른 사람의 정보를 입력하지 않습니다.',
  '생성된 내용에는 오류와 편향이 있을 수 있으므로 사실 여부와 출처를 확인합니다.',
  'AI의 도움을 받은 부분은 어떤 목적과 내용으로 사용했는지 밝힙니다.',
  '부적절하거나 불편한 내용이 생성되면 사용을 멈추고 선생님께 알립니다.',
].join('\n');

const SERVICE_SELECT = `SELECT id, name, provider, min_age AS "minAge", consent_under_age AS "consentUnderAge", personal_data AS "personalData",
  allowed_levels AS "allowedLevels", notes, active FROM ai_services`;

const NOTICE_SELECT = `SELECT n.id, n.service_id AS "serviceId", n.school_year AS "schoolYear", n.version, n.purpose, n.data_items AS "dataItems",
  n.retention, n.refusal_right AS "refusalRight", n.ethics_guidance AS "ethicsGuidance", to_char(coalesce(n.valid_until, make_date(n.school_year + 1, 3, 1) - 1), 'YYYY-MM-DD') AS "validUntil",
  n.published_at AS "publishedAt" FROM consent_notices n`;

/** The AI services registry and each service's consent notices, versioned per school year. */
@Injectable()
export class AiServices {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<AiServiceListDto> {
    return { items: await this.ds.query(`${SERVICE_SELECT} ORDER BY active DESC, name`) };
  }

  async get(id: number, manager: EntityManager = this.ds.manager): Promise<AiServiceViewDto> {
    const [row] = await manager.query(`${SERVICE_SELECT} WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('AI service', id);
    return row;
  }

  async create(dto: AiServiceDto, actor: AuthUser): Promise<AiServiceViewDto> {
    const id = await this.ds
      .transaction(async (tx) => {
        const [{ id }] = await tx.query(
          `INSERT INTO ai_services (name, provider, min_age, consent_under_age, personal_data, allowed_levels, notes, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [dto.name.trim(), dto.provider.trim(), dto.minAge, dto.consentUnderAge, dto.personalData, dto.allowedLevels, dto.notes ?? '', dto.active ?? true],
        );
        await this.audit.record(tx, actor, { action: 'create', entityType: 'ai_service', entityId: id, after: dto });
        return id as number;
      })
      .catch((e) => rethrowConstraint(e, { ai_services_name_key: { field: 'name', message: 'A service with this name is already registered' } }));
    return this.get(id);
  }

  async update(id: number, dto: AiServiceDto, actor: AuthUser): Promise<AiServiceViewDto> {
    await this.ds
      .transaction(async (tx) => {
        const before = await this.get(id, tx);
        await tx.query(
          `UPDATE ai_services SET name = $2, provider = $3, min_age = $4, consent_under_age = $5, personal_data = $6, allowed_levels = $7, notes = $8, active = $9 WHERE id = $1`,
          [id, dto.name.trim(), dto.provider.trim(), dto.minAge, dto.consentUnderAge, dto.personalData, dto.allowedLevels, dto.notes ?? '', dto.active ?? true],
        );
        await this.audit.record(tx, actor, { action: 'update', entityType: 'ai_service', entityId: id, before, after: dto });
      })
      .catch((e) => rethrowConstraint(e, { ai_services_name_key: { field: 'name', message: 'A service with this name is already registered' } }));
    return this.get(id);
  }

  async notices(serviceId: number): Promise<ConsentNoticeListDto> {
    await this.get(serviceId);
    return { items: await this.ds.query(`${NOTICE_SELECT} WHERE n.service_id = $1 ORDER BY n.school_year DESC, n.version DESC`, [serviceId]) };
  }

  async notice(id: number): Promise<ConsentNoticeViewDto> {
    const [row] = await this.ds.query(`${NOTICE_SELECT} WHERE n.id = $1`, [id]);
    if (!row) throw new NotFoundError('consent notice', id);
    return row;
  }

  /** The next version for the service and year; earlier consents stop counting once it is published. */
  async publishNotice(serviceId: number, dto: ConsentNoticeDto, actor: AuthUser): Promise<ConsentNoticeViewDto> {
    await this.get(serviceId);
    const id = await this.ds.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM ai_services WHERE id = $1 FOR UPDATE`, [serviceId]);
      const [{ id, version }] = await tx.query(
        `INSERT INTO consent_notices (service_id, school_year, version, purpose, data_items, retention, refusal_right, ethics_guidance, valid_until, created_by)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8, $9 FROM consent_notices WHERE service_id = $1 AND school_year = $2
         RETURNING id, version`,
        [serviceId, dto.schoolYear, dto.purpose, dto.dataItems, dto.retention, dto.refusalRight, dto.ethicsGuidance ?? STANDARD_ETHICS_GUIDANCE, dto.validUntil ?? null, actor.id],
      );
      await this.audit.record(tx, actor, { action: 'publish_notice', entityType: 'ai_service', entityId: serviceId, after: { noticeId: id, version, schoolYear: dto.schoolYear } });
      return id as number;
    });
    return this.notice(id);
  }

  /** The notice in force on a Seoul day: the latest version of that school year published by the day's end. */
  async noticeInForce(serviceId: number, schoolYear: number, date: string): Promise<ConsentNoticeViewDto | null> {
    const [row] = await this.ds.query(
      `${NOTICE_SELECT} WHERE n.service_id = $1 AND n.school_year = $2 AND n.published_at < ${seoulDayEndSql('$3::date')} ORDER BY n.version DESC LIMIT 1`,
      [serviceId, schoolYear, date],
    );
    return row ?? null;
  }
}
