import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildWorkbook, schoolYearOf, SheetSpec, StoredFiles, XLSX_CONTENT_TYPE } from '@app/core';
import { IndicatorRegistry } from '../indicators/indicator-registry';
import { CITY } from '../indicators/indicator-values.service';
import { PLAN_ITEMS } from '../plan-items';
import { progressOf } from '../progress/progress';
import { IndicatorSnapshots } from '../snapshots/indicator-snapshots.service';
import { ReportTask, reportTasks, TASKS_SNAPSHOT } from './report-tasks';

const STATUS_KO: Record<string, string> = { on_track: '정상', at_risk: '주의', behind: '지연' };
const UNIT_KO: Record<string, string> = { ratio: '비율', count: '건(명)', krw: '원', hours: '시간', score: '점' };


const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (v: number | null, unit: string) =>
  v === null || v === undefined ? '-' : unit === 'ratio' ? `${(v * 100).toFixed(1)}%` : unit === 'krw' ? `${Math.round(v).toLocaleString('ko-KR')}원` : v.toLocaleString('ko-KR');

/**
 * The council's annual report (연차 보고서) of one yearly plan: tasks, budgets planned vs spent,
 * indicators vs targets and the quarterly trend, as a workbook and a printable A4 page. Indicator
 * figures come from the snapshots only, so a past year's report never changes; for the current
 * year the job first takes this quarter's snapshot.
 */
@Injectable()
export class AnnualReportBuilder {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly registry: IndicatorRegistry,
    private readonly snapshots: IndicatorSnapshots,
    private readonly files: StoredFiles,
  ) {}

  async build(planId: number, year: number, jobId: string, ownerId: string, progress: (p: number) => Promise<void>) {
    const [y] = await this.ds.query(
      `SELECT y.id, y.title, p.title AS "planTitle", p.period_start AS "periodStart", p.period_end AS "periodEnd", p.version
       FROM yearly_plans y JOIN basic_plans p ON p.id = y.plan_id WHERE y.plan_id = $1 AND y.school_year = $2`,
      [planId, year],
    );
    if (!y) throw new Error(`basic plan ${planId} has no yearly plan for ${year}`);
    if (year >= schoolYearOf()) await this.snapshots.take(year);
    await progress(30);
    // A past year's tasks and budgets as the last snapshot kept them, so its report never changes.
    const [kept] = year < schoolYearOf()
      ? await this.ds.query(`SELECT details FROM indicator_snapshots WHERE school_year = $1 AND scope = $2 AND indicator_id = $3 ORDER BY quarter DESC LIMIT 1`, [year, `yearly:${y.id}`, TASKS_SNAPSHOT])
      : [];
    const tasks: ReportTask[] = kept?.details?.tasks ?? (await reportTasks(this.ds, y.id));
    const snaps: { quarter: number; scope: string; indicatorId: string; value: number | null; takenAt: string }[] = await this.ds.query(
      `SELECT quarter, scope, indicator_id AS "indicatorId", value::float AS value, taken_at AS "takenAt" FROM indicator_snapshots WHERE school_year = $1 ORDER BY quarter`,
      [year],
    );
    const last = (scope: string, id: string) => [...snaps].reverse().find((s) => s.scope === scope && s.indicatorId === id) ?? null;
    const lastQuarter = snaps.length ? Math.max(...snaps.map((s) => s.quarter)) : null;
    // Progress as of the last snapshot's quarter (a past year: the whole year).
    const expected = lastQuarter === null ? 1 : Math.min(1, lastQuarter / 4);

    const indicatorRows = tasks.flatMap((t) =>
      t.indicators.map((i) => {
        const p = this.registry.get(i.indicatorId);
        const s = p?.manual ? last(`task:${t.id}`, i.indicatorId) : last(t.districtOffice ?? CITY, i.indicatorId);
        const actual = s?.value ?? null;
        const pr = progressOf(i.baseline, i.target, actual, expected);
        return { item: t.item, task: t.title, owner: t.owner, indicator: p?.name ?? i.indicatorId, indicatorId: i.indicatorId, unit: UNIT_KO[i.unit] ?? i.unit, rawUnit: i.unit,
          baseline: i.baseline, target: i.target, actual, achieved: pr.achieved, status: pr.status ? STATUS_KO[pr.status] : '자료 없음', manual: p?.manual ? '직접 입력' : '플랫폼 집계' };
      }),
    );
    const trendIds = this.registry.computed().map((p) => p.id);
    const trend = trendIds.map((id) => {
      const row: Record<string, unknown> = { indicator: this.registry.get(id)!.name, unit: UNIT_KO[this.registry.get(id)!.unit] };
      for (const q of [1, 2, 3, 4]) row[`q${q}`] = snaps.find((s) => s.scope === CITY && s.indicatorId === id && s.quarter === q)?.value ?? null;
      return row;
    });
    const byItem = PLAN_ITEMS.map((i) => {
      const mine = tasks.filter((t) => t.item === i.item);
      const budget = mine.reduce((s, t) => s + t.budgetKrw, 0);
      const spent = mine.reduce((s, t) => s + t.spentKrw, 0);
      return { item: i.item, name: i.name, tasks: mine.length, budgetKrw: budget, spentKrw: spent, execution: budget ? Math.round((spent / budget) * 1000) / 1000 : null };
    });

    const sheets: SheetSpec[] = [
      {
        name: '항목별 예산', columns: [
          { header: '항목', key: 'item', width: 6 }, { header: '내용(제4조 ②)', key: 'name', width: 44 }, { header: '과제 수', key: 'tasks', width: 8 },
          { header: '계획 예산(원)', key: 'budgetKrw', width: 18 }, { header: '집행액(원)', key: 'spentKrw', width: 18 }, { header: '집행률', key: 'execution', width: 10, format: 'percent' },
        ], rows: byItem,
      },
      {
        name: '과제', columns: [
          { header: '항목', key: 'item', width: 6 }, { header: '과제', key: 'title', width: 40 }, { header: '담당', key: 'owner', width: 18 },
          { header: '계획 예산(원)', key: 'budgetKrw', width: 18 }, { header: '집행액(원)', key: 'spentKrw', width: 18 }, { header: '일정', key: 'schedule', width: 22 },
        ], rows: tasks as unknown as Record<string, unknown>[],
      },
      {
        name: '지표', columns: [
          { header: '항목', key: 'item', width: 6 }, { header: '과제', key: 'task', width: 32 }, { header: '담당', key: 'owner', width: 16 }, { header: '지표', key: 'indicator', width: 30 },
          { header: '단위', key: 'unit', width: 8 }, { header: '기준값', key: 'baseline', width: 12 }, { header: '목표', key: 'target', width: 12 }, { header: '실적', key: 'actual', width: 12 },
          { header: '달성도', key: 'achieved', width: 10, format: 'percent' }, { header: '상태', key: 'status', width: 10 }, { header: '출처', key: 'manual', width: 12 },
        ], rows: indicatorRows,
      },
      {
        name: '분기별 추이(서울시)', columns: [
          { header: '지표', key: 'indicator', width: 34 }, { header: '단위', key: 'unit', width: 8 },
          { header: '1분기(3~5월)', key: 'q1', width: 14 }, { header: '2분기(6~8월)', key: 'q2', width: 14 }, { header: '3분기(9~11월)', key: 'q3', width: 14 }, { header: '4분기(12~2월)', key: 'q4', width: 14 },
        ], rows: trend,
      },
    ];
    const xlsx = await buildWorkbook(sheets);
    await progress(70);
    const title = `${year}학년도 인공지능 교육 시행계획 연차 보고서`;
    const html = this.page(title, y, byItem, tasks, indicatorRows, lastQuarter);
    const xlsxFileId = await this.files.saveForJob(jobId, { kind: 'plan-annual-report', filename: `${title}.xlsx`, contentType: XLSX_CONTENT_TYPE, ownerId, content: xlsx });
    const htmlFileId = await this.files.saveForJob(`${jobId}:html`, { kind: 'plan-annual-report', filename: `${title}.html`, contentType: 'text/html; charset=utf-8', ownerId, content: Buffer.from(html, 'utf8') });
    await this.ds.query(
      `INSERT INTO plan_reports (yearly_plan_id, job_id, xlsx_file_id, html_file_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (job_id) DO UPDATE SET xlsx_file_id = EXCLUDED.xlsx_file_id, html_file_id = EXCLUDED.html_file_id, built_at = now()`,
      [y.id, jobId, xlsxFileId, htmlFileId],
    );
    await progress(100);
    return { xlsxFileId, htmlFileId, tasks: tasks.length, indicators: indicatorRows.length, snapshotQuarter: lastQuarter };
  }

  /** The printable page: A4 portrait, Korean, tables that do not split rows across pages. */
  private page(title: string, y: { planTitle: string; periodStart: number; periodEnd: number; version: number }, byItem: Record<string, unknown>[], tasks: ReportTask[], indicators: Record<string, unknown>[], quarter: number | null): string {
    const rows = (list: Record<string, unknown>[], cells: (r: Record<string, unknown>) => unknown[]) =>
      list.map((r) => `<tr>${cells(r).map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
    return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: A4 portrait; margin: 18mm 15mm; }
body { font-family: 'Pretendard', 'Noto Sans KR', 'Malgun Gothic', sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 8mm 0 2mm; }
table { width: 100%; border-collapse: collapse; } th, td { border: 1px solid #888; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; } tr { page-break-inside: avoid; } td.n { text-align: right; }
.meta { color: #444; margin-bottom: 4mm; }
</style></head><body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(y.planTitle)} (${y.periodStart}~${y.periodEnd}, 제${y.version}판) · 지표 기준: ${quarter ? `${quarter}분기 스냅숏` : '스냅숏 없음'}</p>
<h2>1. 항목별 예산 계획과 집행</h2>
<table><thead><tr><th>항목</th><th>내용</th><th>과제 수</th><th>계획 예산</th><th>집행액</th><th>집행률</th></tr></thead><tbody>
${rows(byItem, (r) => [r.item, r.name, r.tasks, fmt(r.budgetKrw as number, 'krw'), fmt(r.spentKrw as number, 'krw'), fmt(r.execution as number | null, 'ratio')])}
</tbody></table>
<h2>2. 과제</h2>
<table><thead><tr><th>항목</th><th>과제</th><th>담당</th><th>계획 예산</th><th>집행액</th><th>일정</th></tr></thead><tbody>
${rows(tasks as unknown as Record<string, unknown>[], (r) => [r.item, r.title, r.owner, fmt(r.budgetKrw as number, 'krw'), fmt(r.spentKrw as number, 'krw'), r.schedule])}
</tbody></table>
<h2>3. 지표 목표 대비 실적</h2>
<table><thead><tr><th>과제</th><th>지표</th><th>기준값</th><th>목표</th><th>실적</th><th>상태</th></tr></thead><tbody>
${rows(indicators, (r) => [r.task, `${r.indicator} (${r.manual})`, fmt(r.baseline as number, r.rawUnit as string), fmt(r.target as number, r.rawUnit as string), fmt(r.actual as number | null, r.rawUnit as string), r.status])}
</tbody></table>
</body></html>
`;
  }
}
