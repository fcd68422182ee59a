import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api';
import type { QuestionFigures, ReportGroup, ReportLevel, SurveyDefinition, SurveyQuestion, SurveyReport } from '../../api/models';
import { BarChart, type Bar } from '../../components/BarChart';
import { Breadcrumb } from '../../components/Breadcrumb';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ExportPanel } from '../../components/ExportPanel';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { Segmented } from '../../components/Segmented';
import { formatDateTime, formatPercent, formatScore } from '../../labels';
import { Link } from 'react-router';
import { CampaignFallback } from './CampaignHead';
import { LIKERT_LABEL, QUESTION_TYPE_LABEL, REPORT_LEVEL_LABEL } from './surveyLabels';
import { surveyQueries } from './surveyQueries';

/** "비공개 (응답 5명 미만)": what a withheld group shows instead of its figures. */
function suppressedText(group: ReportGroup, threshold: number): string {
  return group.reason === 'complementary' ? `비공개 (응답 ${threshold}명 미만 집단 보호)` : `비공개 (응답 ${threshold}명 미만)`;
}

/** The on-screen report of a campaign's last snapshot, by level, with an XLSX export. */
export function ReportPage({ campaignId }: { campaignId: number }) {
  const campaign = useQuery(surveyQueries.campaign(campaignId));
  const [level, setLevel] = useState<ReportLevel>('city');
  const report = useQuery(surveyQueries.report(campaignId, level));
  if (!campaign.data) return <CampaignFallback error={campaign.error} heading="결과 보고서" />;
  const c = campaign.data;
  const notComputed = report.error instanceof ApiError && report.error.status === 404;

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link to="/surveys">설문</Link>, <Link to={`/surveys/campaigns/${c.id}`}>{c.title}</Link>, '결과 보고서']} />
        <h1>결과 보고서</h1>
        <p className="muted">
          {c.title} · 응답 {c.suppressionThreshold}명 미만인 집단의 수치는 응답자를 알아볼 수 없도록 공개하지 않습니다.
        </p>
      </div>
      <Segmented label="집계 단위" options={REPORT_LEVEL_LABEL} value={level} onChange={setLevel} />
      {notComputed ? (
        <p className="alert alert-info" data-testid="report-not-computed">
          아직 집계한 결과가 없습니다. 설문이 마감되면 자동으로 집계되며, <Link to={`/surveys/campaigns/${c.id}`}>설문 현황</Link>에서 지금 집계할 수도 있습니다.
        </p>
      ) : (
        <ErrorMessage error={report.error} title="보고서를 불러오지 못했습니다." />
      )}
      {report.isPending && <Loading />}
      {report.data && !notComputed && <ReportView key={report.data.level} report={report.data} />}
      {!notComputed && (
        <ExportPanel
          title="결과 보고서 내려받기"
          description="문항 영역마다 한 시트씩, 시·교육지원청·자치구·학교별 수치를 엑셀(XLSX) 파일로 만듭니다. 비공개 집단은 파일에서도 비공개로 표시됩니다."
          filenameBase={`설문결과_${c.id}`}
          start={() => api.startReportExport(c.id)}
        />
      )}
    </div>
  );
}

function ReportView({ report }: { report: SurveyReport }) {
  const { groups, threshold, definition } = report;
  const [key, setKey] = useState(groups[0]?.key ?? '');
  const group = groups.find((g) => g.key === key) ?? groups[0];
  return (
    <>
      <p className="muted small" data-testid="report-computed-at">
        집계 시각: {formatDateTime(report.computedAt)}
      </p>
      {report.level !== 'city' && (
        <section className="panel" aria-labelledby="groups-heading">
          <h2 id="groups-heading">{REPORT_LEVEL_LABEL[report.level]}별 응답 수</h2>
          {groups.length === 0 ? (
            <p className="empty">볼 수 있는 집계 결과가 없습니다.</p>
          ) : (
            <DataTable testId="report-groups" caption={`${REPORT_LEVEL_LABEL[report.level]}별 응답 수`} columns={[REPORT_LEVEL_LABEL[report.level], num('응답자')]}>
              {groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    <button type="button" className="link-button" aria-pressed={g.key === group?.key} onClick={() => setKey(g.key)}>
                      {g.name}
                    </button>
                  </th>
                  <td className="num">{g.suppressed ? <span className="muted">{suppressedText(g, threshold)}</span> : `${(g.n ?? 0).toLocaleString('ko-KR')}명`}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
      {group && (
        <section className="panel" aria-labelledby="group-heading" data-testid="report-group">
          <div className="panel-head">
            <h2 id="group-heading">{group.name}</h2>
            {report.level !== 'city' && groups.length > 1 && (
              <SelectField id="report-group" label="집단" options={Object.fromEntries(groups.map((g) => [g.key, g.name]))} value={group.key} onChange={setKey} />
            )}
          </div>
          {group.suppressed ? (
            <p className="suppressed" data-testid="report-suppressed">
              {suppressedText(group, threshold)}
            </p>
          ) : (
            <GroupFigures definition={definition} group={group} />
          )}
        </section>
      )}
    </>
  );
}

function GroupFigures({ definition, group }: { definition: SurveyDefinition; group: ReportGroup }) {
  let number = 0;
  return (
    <>
      <p data-testid="report-n">
        응답자 <strong>{(group.n ?? 0).toLocaleString('ko-KR')}</strong>명
      </p>
      {definition.sections.map((section) => (
        <div key={section.id} className="report-section">
          <h3>{section.title}</h3>
          {section.questions.map((q) => (
            <QuestionReport key={q.id} number={++number} question={q} figures={group.questions?.[q.id]} />
          ))}
        </div>
      ))}
    </>
  );
}

function QuestionReport({ number, question: q, figures }: { number: number; question: SurveyQuestion; figures: QuestionFigures | undefined }) {
  const answered = figures?.answered ?? 0;
  return (
    <div className="report-question" data-testid={`report-question-${q.id}`}>
      <p className="report-question-text">
        {number}. {q.text} <span className="muted small">({QUESTION_TYPE_LABEL[q.type]} · 응답 {answered.toLocaleString('ko-KR')}명)</span>
      </p>
      {(q.type === 'likert5' || q.type === 'numeric') && figures && (
        <p className="report-moments" data-testid={`report-mean-${q.id}`}>
          평균 <strong>{formatScore(figures.mean)}</strong> · 표준편차 {formatScore(figures.sd)}
          {q.type === 'likert5' && <span className="muted small"> (5점 만점)</span>}
        </p>
      )}
      {figures?.counts && <BarChart title={`${number}번 응답 분포`} bars={distribution(q, figures.counts, answered)} labelWidth={160} valueWidth={130} testId={`report-chart-${q.id}`} />}
      {q.type === 'ranking' && figures?.meanRank && <RankingReport question={q} meanRank={figures.meanRank} />}
      {(q.type === 'short_text' || q.type === 'long_text') && <p className="muted small">서술형 응답은 응답자 보호를 위해 보고서에 싣지 않습니다.</p>}
      {!figures && <p className="muted small">응답이 없습니다.</p>}
    </div>
  );
}

/** The options from the most to the least preferred, by the mean position respondents gave them. */
function RankingReport({ question: q, meanRank }: { question: SurveyQuestion; meanRank: Record<string, number> }) {
  const ranked = (q.options ?? []).filter((o) => meanRank[o.value] !== undefined).sort((a, b) => meanRank[a.value] - meanRank[b.value]);
  return (
    <ol className="report-ranking" data-testid={`report-ranking-${q.id}`}>
      {ranked.map((o) => (
        <li key={o.value}>
          {o.label} <span className="muted small">(평균 {meanRank[o.value].toLocaleString('ko-KR', { maximumFractionDigits: 2 })}순위)</span>
        </li>
      ))}
    </ol>
  );
}

/** One bar per answer value in the question's order (Likert 1–5, the options), with count and share. */
function distribution(q: SurveyQuestion, counts: Record<string, number>, answered: number): Bar[] {
  const values: [string, string][] = q.type === 'likert5' ? Object.entries(LIKERT_LABEL).map(([v, label]) => [v, `${v} ${label}`]) : (q.options ?? []).map((o) => [o.value, o.label]);
  return values.map(([value, label]) => {
    const n = counts[value] ?? 0;
    return { key: value, label, value: n, valueText: `${n.toLocaleString('ko-KR')}명${answered ? ` (${formatPercent(n / answered, 0)})` : ''}` };
  });
}
