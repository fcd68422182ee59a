import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildWorkbook, EXPORT_MAX_ROWS, exportRows, SqlParams } from '@app/core';
import { CATEGORY_INFO, METHOD_NAME } from '../retention/categories';
import type { DestructionRegisterEntryDto, DestructionRegisterFilter, DestructionRegisterPageDto } from './destruction.dto';

const ENTRY_SELECT = `SELECT d.id::text, d.run_id AS "runId", d.rule_id AS "ruleId", d.category, d.method, d.rule_text AS "ruleText",
  d.record_count AS "recordCount", d.held_count AS "heldCount", d.period_from AS "periodFrom", d.period_to AS "periodTo", to_char(d.cutoff, 'YYYY-MM-DD') AS cutoff,
  d.approved_by AS "approvedBy", a.display_name AS "approvedByName", d.approved_at AS "approvedAt",
  d.executed_by AS "executedBy", e.display_name AS "executedByName", d.executed_at AS "executedAt", d.request_id AS "requestId", d.chain_anchor AS "chainAnchor"
  FROM destruction_register d LEFT JOIN users a ON a.id = d.approved_by
  LEFT JOIN users e ON d.executed_by ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' AND e.id = d.executed_by::uuid`;

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);
const view = (r: Record<string, unknown>): DestructionRegisterEntryDto => ({
  ...(r as unknown as DestructionRegisterEntryDto),
  periodFrom: iso(r.periodFrom),
  periodTo: iso(r.periodTo),
  approvedAt: iso(r.approvedAt),
  executedAt: iso(r.executedAt)!,
});

/** 개인정보 파기 대장, for city administrators: read, filtered, paged, and as a workbook. Entries never change. */
@Injectable()
export class DestructionRegister {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private where(f: DestructionRegisterFilter, p: SqlParams): string {
    const where = ['TRUE'];
    if (f.category) where.push(`d.category = ${p.add(f.category)}`);
    if (f.runId) where.push(`d.run_id = ${p.add(f.runId)}::uuid`);
    return where.join(' AND ');
  }

  async list(f: DestructionRegisterFilter, page: number, pageSize: number): Promise<DestructionRegisterPageDto> {
    const p = new SqlParams();
    const where = this.where(f, p);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM destruction_register d WHERE ${where}`, p.values);
    const rows = await this.ds.query(`${ENTRY_SELECT} WHERE ${where} ORDER BY d.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, p.values);
    return { items: rows.map(view), total, page, pageSize };
  }

  async all(f: DestructionRegisterFilter): Promise<DestructionRegisterEntryDto[]> {
    const p = new SqlParams();
    const rows = await this.ds.query(`${ENTRY_SELECT} WHERE ${this.where(f, p)} ORDER BY d.id LIMIT ${EXPORT_MAX_ROWS + 1}`, p.values);
    return exportRows<Record<string, unknown>>(rows).map(view);
  }

  /** The register as the standard form reads it (개인정보 파기 관리대장), oldest first. */
  workbook(entries: DestructionRegisterEntryDto[]): Promise<Buffer> {
    return buildWorkbook([
      {
        name: '개인정보 파기 대장',
        columns: [
          { header: '번호', key: 'id', width: 8 },
          { header: '파기 일시', key: 'executedAt', width: 18, format: 'datetime' },
          { header: '개인정보 항목', key: 'categoryName', width: 24 },
          { header: '파기 대상(규칙)', key: 'ruleText', width: 70 },
          { header: '파기 방법', key: 'methodName', width: 10 },
          { header: '건수', key: 'recordCount', width: 8 },
          { header: '법적 보존(제외)', key: 'heldCount', width: 12 },
          { header: '대상 기간 시작', key: 'periodFrom', width: 14, format: 'date' },
          { header: '대상 기간 끝', key: 'periodTo', width: 14, format: 'date' },
          { header: '기준일(이전 자료 파기)', key: 'cutoff', width: 14, format: 'date' },
          { header: '승인자', key: 'approvedByName', width: 14 },
          { header: '승인 일시', key: 'approvedAt', width: 18, format: 'datetime' },
          { header: '처리자', key: 'executor', width: 14 },
          { header: '삭제 요청 번호', key: 'requestId', width: 12 },
          { header: '실행 번호', key: 'runId', width: 38 },
        ],
        rows: entries.map((e) => ({
          ...e,
          categoryName: CATEGORY_INFO[e.category]?.name ?? e.category,
          methodName: METHOD_NAME[e.method] ?? e.method,
          executor: e.executedBy === 'scheduler' ? '정기 일정' : (e.executedByName ?? e.executedBy),
        })),
      },
    ]);
  }
}
