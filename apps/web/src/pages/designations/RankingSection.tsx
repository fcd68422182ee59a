import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { api, ApiError, designationUrls } from '../../api';
import type { Decision, DesignationCall, RankingRow, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ApplicationStatusBadge } from '../../components/DesignationBadges';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SubmitButton, TextAreaField } from '../../components/fields';
import { ListStates } from '../../components/ResultsPanel';
import { Segmented } from '../../components/Segmented';
import { formatScore, LEVEL_LABEL } from '../../labels';
import { isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { designationKeys, rankingQuery } from './queries';

/** A spread between reviewers of at least this share of the maximum total is flagged. */
export const SPREAD_RATIO = 0.1;

const DECISION_LABEL: Record<Decision, string> = { designate: '지정', reject: '미지정' };

type View = 'overall' | 'office';
const VIEW_LABEL: Record<View, string> = { overall: '전체 순위', office: '교육지원청별 순위' };

interface Props {
  call: DesignationCall;
  user: User;
}

/** The ranking of a call, overall or per district office, with the decision buttons for city administrators. */
export function RankingSection({ call, user }: Props) {
  const { data: rows, error, isFetching: loading } = useQuery(rankingQuery(call.id));
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>('overall');
  const [deciding, setDeciding] = useState<{ applicationId: number; decision: Decision } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayDecide = isCityAdmin(user);

  if (error instanceof ApiError && error.status === 403) {
    return (
      <section className="panel" aria-labelledby="ranking-heading">
        <h2 id="ranking-heading">심사 순위</h2>
        <p className="alert alert-info" role="note">
          심사 순위는 이 공모의 심사위원과 교육청 관리자만 볼 수 있습니다.
        </p>
      </section>
    );
  }

  const offices = rows ? [...new Map(rows.map((r) => [r.districtOffice, r.districtOfficeName])).entries()] : [];
  const threshold = call.maxTotal * SPREAD_RATIO;

  /** The notice appears once the ranking and the call's counts show the decision. */
  const decided = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: designationKeys.call(call.id) });
    setDeciding(null);
    setNotice(message);
  };

  const table = (list: RankingRow[], inOffice: boolean) => (
    <RankingTable
      rows={list}
      inOffice={inOffice}
      call={call}
      threshold={threshold}
      mayDecide={mayDecide}
      deciding={deciding}
      onDecide={(applicationId, decision) => {
        setNotice(null);
        setDeciding({ applicationId, decision });
      }}
      onCancel={() => setDeciding(null)}
      onDecided={decided}
    />
  );

  return (
    <section className="panel" aria-labelledby="ranking-heading" aria-busy={loading}>
      <div className="panel-head">
        <div>
          <h2 id="ranking-heading">심사 순위</h2>
          <p className="muted small">
            심사위원이 모든 기준을 채점한 점수만 평균에 들어갑니다. 심사위원 간 점수 차(최고−최저)가 만점({formatScore(call.maxTotal)}점)의{' '}
            {SPREAD_RATIO * 100}% 이상이면 <span className="badge badge-warning">편차 큼</span>으로 표시합니다.
          </p>
        </div>
        <DownloadButton url={designationUrls.rankingXlsx(call.id)} label="순위 XLSX 내려받기" filename={`심사순위_공모${call.id}.xlsx`} testId="ranking-xlsx" />
      </div>
      <p className="quota-line" data-testid="quota-line">
        정원 <strong>{call.quota}교</strong> 중 <strong>{call.designated}교</strong> 지정 · 남은 정원 {Math.max(0, call.quota - call.designated)}교
      </p>
      <Segmented label="순위 보기 방식" options={VIEW_LABEL} value={view} onChange={setView} />
      {notice && (
        <p className="notice" role="status" data-testid="decision-notice">
          {notice}
        </p>
      )}
      <ErrorMessage error={error} title="심사 순위를 불러오지 못했습니다." />
      <ListStates items={rows} loading={loading} empty="아직 제출된 신청서가 없습니다.">
        {(rows) =>
          view === 'overall'
            ? table(rows, false)
            : offices.map(([code, name]) => {
                const list = rows.filter((r) => r.districtOffice === code);
                const quota = call.officeQuotas.find((q) => q.office === code)?.quota;
                const designated = list.filter((r) => r.status === 'designated').length;
                return (
                  <section key={code} className="office-group" aria-label={`${name} 순위`} data-testid={`ranking-office-${code}`}>
                    <h3>
                      {name}{' '}
                      <span className="muted small">
                        {list.length}건 · 지정 {designated}교{quota !== undefined ? ` / 교육지원청 정원 ${quota}교` : ''}
                      </span>
                    </h3>
                    {table(list, true)}
                  </section>
                );
              })
        }
      </ListStates>
    </section>
  );
}

interface TableProps {
  rows: RankingRow[];
  inOffice: boolean;
  call: DesignationCall;
  threshold: number;
  mayDecide: boolean;
  deciding: { applicationId: number; decision: Decision } | null;
  onDecide: (applicationId: number, decision: Decision) => void;
  onCancel: () => void;
  onDecided: (message: string) => Promise<void>;
}

function RankingTable({ rows, inOffice, call, threshold, mayDecide, deciding, onDecide, onCancel, onDecided }: TableProps) {
  const columns = (inOffice ? 8 : 9) + (mayDecide ? 1 : 0);
  return (
    <DataTable
      testId={inOffice ? 'ranking-table-office' : 'ranking-table'}
      className="table ranking-table"
      caption={inOffice ? '교육지원청 내 순위' : '전체 순위'}
      columns={[
        num(inOffice ? '교육지원청 내 순위' : '순위'),
        '학교명',
        '학교급',
        !inOffice && '교육지원청',
        num('심사위원'),
        num('평균 점수'),
        num('최저 ~ 최고'),
        num('편차'),
        '상태',
        mayDecide && '결정',
      ]}
    >
      {rows.map((row) => {
        const large = row.spread !== null && row.reviewers >= 2 && row.spread >= threshold;
        const open = deciding?.applicationId === row.applicationId ? deciding : null;
        return (
          <Fragment key={row.applicationId}>
            <tr data-testid={`ranking-row-${row.applicationId}`} className={large ? 'is-spread' : undefined}>
              <td className="num">{(inOffice ? row.rankInOffice : row.rank) ?? '-'}</td>
              <th scope="row">
                <Link to={`/designations/applications/${row.applicationId}`}>{row.schoolName}</Link>
              </th>
              <td>{LEVEL_LABEL[row.schoolLevel] ?? row.schoolLevel}</td>
              {!inOffice && <td>{row.districtOfficeName}</td>}
              <td className="num">{row.reviewers}명</td>
              <td className="num" data-testid="ranking-mean">
                {row.meanTotal === null ? <span className="muted">미채점</span> : <strong>{formatScore(row.meanTotal)}</strong>}
              </td>
              <td className="num">{row.minTotal === null ? '-' : `${formatScore(row.minTotal)} ~ ${formatScore(row.maxTotal)}`}</td>
              <td className="num" data-testid="ranking-spread">
                {formatScore(row.spread)}
                {large && (
                  <>
                    {' '}
                    <span className="badge badge-warning" title={`만점의 ${SPREAD_RATIO * 100}% 이상 차이`}>
                      편차 큼
                    </span>
                  </>
                )}
              </td>
              <td>
                <ApplicationStatusBadge status={row.status} testId="ranking-status" />
              </td>
              {mayDecide && (
                <td>
                  {row.status === 'submitted' ? (
                    <div className="row-actions">
                      <button type="button" className="button button-small button-primary" aria-label={`${row.schoolName} 지정`} onClick={() => onDecide(row.applicationId, 'designate')}>
                        지정
                      </button>
                      <button type="button" className="button button-small button-danger" aria-label={`${row.schoolName} 미지정`} onClick={() => onDecide(row.applicationId, 'reject')}>
                        미지정
                      </button>
                    </div>
                  ) : (
                    <span className="muted small">결정됨</span>
                  )}
                </td>
              )}
            </tr>
            {open && (
              <tr className="editing-row">
                <td colSpan={columns}>
                  <DecisionForm
                    row={row}
                    decision={open.decision}
                    callQuota={call.quota}
                    onCancel={onCancel}
                    onDone={() => onDecided(`${row.schoolName}: ${DECISION_LABEL[open.decision]}으로 결정했습니다.`)}
                  />
                </td>
              </tr>
            )}
          </Fragment>
        );
      })}
    </DataTable>
  );
}

function DecisionForm({ row, decision, callQuota, onCancel, onDone }: { row: RankingRow; decision: Decision; callQuota: number; onCancel: () => void; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  // Once decided, the form closes: it stays busy until then.
  const decide = useMutation({ mutationFn: () => api.decide(row.applicationId, decision, reason.trim()), onSuccess: onDone });
  const busy = decide.isPending || decide.isSuccess;
  const label = DECISION_LABEL[decision];

  function submit(event: FormEvent) {
    event.preventDefault();
    decide.mutate();
  }

  return (
    <form className="subform" aria-label={`${row.schoolName} ${label} 결정`} onSubmit={submit}>
      <p className="subform-title">
        ‘{row.schoolName}’을(를) <strong>{label}</strong>으로 결정합니다.
        {decision === 'designate' && <span className="muted small"> 정원({callQuota}교)이 차면 지정할 수 없습니다.</span>}
      </p>
      <TextAreaField
        id={`decision-reason-${row.applicationId}`}
        label="결정 사유 (필수)"
        required
        maxLength={1000}
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        hint="학교장에게 그대로 보입니다."
      />
      <ErrorMessage error={decide.error} title="결정을 저장하지 못했습니다." />
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="저장 중…" className={`button ${decision === 'designate' ? 'button-primary' : 'button-danger'}`} disabled={reason.trim() === ''}>
          {label} 확정
        </SubmitButton>
        <button type="button" className="button button-ghost" onClick={onCancel} disabled={busy}>
          취소
        </button>
      </div>
    </form>
  );
}
