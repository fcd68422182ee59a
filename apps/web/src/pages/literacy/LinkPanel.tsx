import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api';
import type { Job, LinkRequest, LiteracyAssessment, LiteracyLink, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact } from '../../components/Fact';
import { SelectField } from '../../components/fields';
import { formatDateTime } from '../../labels';
import { isCityAdmin } from '../../roles';
import { useJob } from '../../useJob';
import { JobProgress } from './JobProgress';
import { DRIFT_RULE_LABEL, formatSigned, formatStat, LINK_METHOD_LABEL, PHASE_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyKeys, literacyQueries } from './literacyQueries';

/** |fixed-parameter − mean–mean| within twice the mean–mean SE (or 0.1 logit without one): the two methods agree. */
function meanMeanAgrees(link: LiteracyLink): boolean | null {
  if (link.constant === null || !link.meanMean) return null;
  const tolerance = link.meanMean.se !== null ? Math.max(2 * link.meanMean.se, 0.05) : 0.1;
  return Math.abs(link.constant - link.meanMean.constant) <= tolerance;
}

/**
 * 연계·동등화 (administrators read it; city administrators run it): the assessment put on an earlier
 * calibrated assessment's scale through their shared (anchor) items. Shows the method, the linking
 * constant and its SE, the mean–mean check, and every anchor with its displacement; drifting anchors
 * are highlighted and can be left out (all of them, or those ticked) in a new link.
 */
export function LinkPanel({ user, assessment }: { user: User; assessment: LiteracyAssessment }) {
  const linkQuery = useQuery(literacyQueries.link(assessment.id));
  const assessments = useQuery(literacyQueries.assessments());
  const queryClient = useQueryClient();
  const job = useJob(api.jobById<Job>, () => {
    // The link changes the analysis, the reports, the bank's anchors and the trend.
    void queryClient.invalidateQueries({ queryKey: literacyKeys.assessments });
    void queryClient.invalidateQueries({ queryKey: literacyKeys.bank });
    void queryClient.invalidateQueries({ queryKey: literacyKeys.trends });
  });
  const link = linkQuery.data ?? null;
  const bases = (assessments.data?.items ?? [])
    .filter((a) => a.grade === assessment.grade && a.id !== assessment.id && a.analysedAt !== null)
    .sort((a, b) => b.schoolYear - a.schoolYear || b.id - a.id);
  const preferred = link?.baseAssessmentId ?? (bases.find((b) => b.schoolYear < assessment.schoolYear) ?? bases[0])?.id;
  const [base, setBase] = useState<string>('');
  const baseId = base || (preferred !== undefined ? String(preferred) : '');
  const [dropDrifting, setDropDrifting] = useState(false);
  const [dropped, setDropped] = useState<string[] | null>(null);
  const manual = dropped ?? link?.dropAnchors ?? [];
  const editable = isCityAdmin(user);
  const baseName = (id: number) => assessments.data?.items.find((a) => a.id === id)?.name ?? `검사 #${id}`;

  const start = (request: LinkRequest) => {
    setDropped(null);
    void job.start(() => api.linkAssessment(assessment.id, request));
  };
  const drifting = link?.anchors.filter((a) => a.drifting) ?? [];
  const agrees = link ? meanMeanAgrees(link) : null;

  return (
    <section className="panel" aria-labelledby="link-heading" data-testid="link-panel">
      <h2 id="link-heading">연계·동등화 (공통 척도)</h2>
      <p className="muted small">
        같은 학년의 이전 검사와 공통(앵커) 문항으로 이 검사를 기준 검사의 척도에 올립니다. 앵커 문항의 난이도를 문항 은행 값으로 고정해 추정하고(고정모수 보정), 평균–평균
        방법으로 확인합니다. 변위 |Δb| &gt; 0.5 로짓이거나 강건 z가 2.7을 넘는 앵커는 표류(drift)로 표시합니다.
      </p>
      {editable && (
        <form
          className="link-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (baseId) start({ baseAssessmentId: Number(baseId), dropDrifting, ...(manual.length ? { dropAnchors: manual } : {}) });
          }}
        >
          {bases.length === 0 ? (
            <p className="empty" data-testid="link-no-base">
              연계할 기준 검사가 없습니다. 같은 학년({assessment.grade}학년)의 분석을 마친 다른 검사가 있어야 합니다.
            </p>
          ) : (
            <>
              <SelectField
                id="link-base"
                label="기준 검사"
                value={baseId}
                options={Object.fromEntries(bases.map((b) => [String(b.id), `${b.name} (${b.schoolYear}학년도 ${PHASE_LABEL[b.phase]})`]))}
                onChange={setBase}
                hint="이 검사와 채점 문항을 3개 이상 공유하는 같은 학년의 검사"
              />
              <label className="checkbox" htmlFor="link-drop-drifting">
                <input id="link-drop-drifting" type="checkbox" checked={dropDrifting} onChange={(e) => setDropDrifting(e.target.checked)} />
                표류 앵커를 빼고 계산
              </label>
              <button type="submit" className="button button-primary" data-testid="start-link" disabled={job.busy || !baseId}>
                {job.busy ? '연계하는 중…' : link ? '다시 연계' : '연계 시작'}
              </button>
            </>
          )}
        </form>
      )}
      <JobProgress run={job.run} label="연계" testId="link-job" doneText="연계를 마쳤습니다. 아래 결과와 분석·보고서에 반영되었습니다." />
      <ErrorMessage error={linkQuery.error} title="연계 결과를 불러오지 못했습니다." />
      {!link && !linkQuery.isPending && !linkQuery.error && (
        <p className="muted" data-testid="not-linked">
          아직 연계하지 않았습니다.
        </p>
      )}
      {link && (
        <div data-testid="link-result" data-status={link.status}>
          <dl className="facts">
            <Fact label="기준 검사">
              <Link to={literacyPath.assessment(link.baseAssessmentId)}>{baseName(link.baseAssessmentId)}</Link>
            </Fact>
            <Fact label="방법" testId="link-method">
              {link.method ? LINK_METHOD_LABEL[link.method] : link.status === 'pending' ? '계산 중' : '-'}
            </Fact>
            <Fact label="연계 상수 (로짓)" testId="link-constant">
              {formatSigned(link.constant, 3)}
            </Fact>
            <Fact label="표준오차 (연계 오차 포함)" testId="link-se">
              {formatStat(link.se, 3)}
              {link.samplingSe !== null && <span className="muted small"> (표집 {formatStat(link.samplingSe, 3)})</span>}
            </Fact>
            <Fact label="평균–평균 확인" testId="link-mean-mean">
              {link.meanMean ? (
                <>
                  {formatSigned(link.meanMean.constant, 3)} ± {formatStat(link.meanMean.se, 3)} (앵커 {link.meanMean.n}개){' '}
                  {agrees !== null &&
                    (agrees ? <span className="badge badge-ok">일치</span> : <span className="badge badge-warning">차이 큼 ({formatSigned((link.constant ?? 0) - link.meanMean.constant, 3)})</span>)}
                </>
              ) : (
                '-'
              )}
            </Fact>
            <Fact label="계산">{link.computedAt ? formatDateTime(link.computedAt) : '계산 중'}</Fact>
          </dl>
          {link.dropped.length > 0 && (
            <p className="small" data-testid="link-dropped">
              연계에서 뺀 앵커: {link.dropped.join(', ')}
            </p>
          )}
          <h3>
            앵커 문항 {link.anchors.length}개{' '}
            {drifting.length > 0 && (
              <span className="badge badge-danger" data-testid="drift-count">
                표류 {drifting.length}개
              </span>
            )}
          </h3>
          <DataTable
            testId="link-anchors"
            caption="앵커 문항별 난이도와 변위"
            columns={[
              '문항',
              num('은행 난이도'),
              num('이번 난이도'),
              num('차이'),
              num(<abbr title="Δb = 은행 − (이번 + 평균–평균 상수)">변위 Δb</abbr>),
              num('강건 z'),
              '표류',
              '사용',
              editable && '다음 연계에서 빼기',
            ]}
          >
            {link.anchors.map((a) => (
              <tr key={a.itemId} data-testid={`anchor-${a.itemId}`} data-drifting={a.drifting ? 'true' : undefined} className={a.drifting ? 'is-drifting' : a.used ? undefined : 'is-dropped'}>
                <th scope="row">
                  <Link to={literacyPath.bankItem(assessment.grade, a.itemId)}>{a.itemId}</Link>
                </th>
                <td className="num">{formatSigned(a.bank)}</td>
                <td className="num">{formatSigned(a.current)}</td>
                <td className="num">{formatSigned(a.difference)}</td>
                <td className="num">{formatSigned(a.displacement)}</td>
                <td className="num">{formatStat(a.robustZ, 2)}</td>
                <td>{a.drifting ? <span className="badge badge-danger">표류 ({a.rules.map((r) => DRIFT_RULE_LABEL[r]).join(', ')})</span> : <span className="muted">-</span>}</td>
                <td>{a.used ? '고정' : <span className="badge badge-warning">제외</span>}</td>
                {editable && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${a.itemId}을(를) 다음 연계에서 빼기`}
                      checked={manual.includes(a.itemId)}
                      onChange={(e) => setDropped(e.target.checked ? [...manual, a.itemId] : manual.filter((id) => id !== a.itemId))}
                    />
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
          {editable && (
            <p className="literacy-links no-print">
              {drifting.length > 0 && (
                <button type="button" className="button button-secondary" data-testid="relink-drop-drifting" disabled={job.busy} onClick={() => start({ baseAssessmentId: link.baseAssessmentId, dropDrifting: true })}>
                  표류 앵커 {drifting.length}개 빼고 다시 연계
                </button>
              )}
              {manual.length > 0 && (
                <button type="button" className="button button-secondary" data-testid="relink-drop-chosen" disabled={job.busy} onClick={() => start({ baseAssessmentId: link.baseAssessmentId, dropDrifting: false, dropAnchors: manual })}>
                  고른 앵커 {manual.length}개 빼고 다시 연계
                </button>
              )}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
