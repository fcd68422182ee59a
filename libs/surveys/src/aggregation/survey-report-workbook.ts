import { buildWorkbook, koreanDateTime, SheetColumn, SheetSpec } from '@app/core';
import type { Question, SurveyTemplate } from '../engine';
import type { GroupLevel, SurveyReport } from './survey-aggregation.service';

const LEVEL_LABEL: Record<GroupLevel, string> = { city: '시 전체', office: '교육지원청', district: '자치구', school: '학교' };
const LIKERT_LABELS = ['전혀 그렇지 않다', '그렇지 않다', '보통이다', '그렇다', '매우 그렇다'];

interface QuestionFigures {
  answered: number;
  meanRank?: Record<string, number>;
  counts?: Record<string, number>;
  mean?: number | null;
  sd?: number | null;
}

/** The columns one question contributes, each with how to read its figure from a group. */
function questionColumns(q: Question, number: string): { column: SheetColumn; value: (f: QuestionFigures | undefined) => unknown }[] {
  const label = `${number} ${q.text.length > 40 ? `${q.text.slice(0, 39)}…` : q.text}`;
  const cols: { column: SheetColumn; value: (f: QuestionFigures | undefined) => unknown }[] = [
    { column: { header: `${label} - 응답 수`, key: `${q.id}.answered`, width: 12 }, value: (f) => f?.answered ?? 0 },
  ];
  if (q.type === 'likert5' || q.type === 'numeric') {
    cols.push({ column: { header: `${label} - 평균`, key: `${q.id}.mean`, width: 10 }, value: (f) => f?.mean ?? null });
    cols.push({ column: { header: `${label} - 표준편차`, key: `${q.id}.sd`, width: 10 }, value: (f) => f?.sd ?? null });
  }
  const options =
    q.type === 'likert5' ? LIKERT_LABELS.map((l, i) => ({ value: String(i + 1), label: `${i + 1} ${l}` })) : q.type === 'single' || q.type === 'multiple' ? q.options ?? [] : [];
  for (const o of options) {
    cols.push({ column: { header: `${label} - ${o.label}`, key: `${q.id}=${o.value}`, width: 10 }, value: (f) => f?.counts?.[o.value] ?? 0 });
  }
  if (q.type === 'ranking') {
    for (const o of q.options ?? []) {
      cols.push({ column: { header: `${label} - ${o.label} 평균 순위`, key: `${q.id}~${o.value}`, width: 12 }, value: (f) => f?.meanRank?.[o.value] ?? null });
    }
  }
  return cols;
}

/**
 * The report as a workbook: one sheet per section of the survey (question group), one row per
 * group (city, offices, districts, schools the requester may see), Korean headers. Withheld groups
 * keep their name and say why, with every figure left empty.
 */
export function surveyReportWorkbook(title: string, definition: SurveyTemplate, reports: SurveyReport[]): Promise<Buffer> {
  const threshold = reports[0]?.threshold;
  let n = 0;
  const sheets: SheetSpec[] = definition.sections.map((section) => {
    const cols = section.questions.flatMap((q) => questionColumns(q, `Q${++n}.`));
    const rows = reports.flatMap((r) =>
      r.groups.map((g) => {
        const base = { level: LEVEL_LABEL[g.level], name: g.name };
        if (g.suppressed) return { ...base, n: `비공개 (응답 ${threshold}명 미만${g.reason === 'complementary' ? ', 역산 방지' : ''})` };
        const figures = g.questions as Record<string, QuestionFigures>;
        return { ...base, n: g.n, ...Object.fromEntries(cols.map((c) => [c.column.key, c.value(figures[c.column.key.split(/[.=~]/)[0]])])) };
      }),
    );
    return {
      name: section.title,
      columns: [{ header: '구분', key: 'level', width: 10 }, { header: '이름', key: 'name', width: 24 }, { header: '응답자 수', key: 'n', width: 12 }, ...cols.map((c) => c.column)],
      rows,
    };
  });
  sheets.unshift({
    name: '안내',
    columns: [{ header: '항목', key: 'k', width: 16 }, { header: '내용', key: 'v', width: 80 }],
    rows: [
      { k: '설문', v: title },
      { k: '집계 시각', v: reports[0]?.computedAt ? koreanDateTime(reports[0].computedAt) : '' },
      { k: '비공개 기준', v: `응답자 ${threshold}명 미만인 집단의 수치는 개인 식별을 막기 위해 공개하지 않습니다.` },
    ],
  });
  return buildWorkbook(sheets);
}
