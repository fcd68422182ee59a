import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { SurveyCampaign } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SubmitButton } from '../../components/fields';
import { ListStates } from '../../components/ResultsPanel';
import { formatDateTime } from '../../labels';
import { Link } from 'react-router';
import { AUDIENCE_LABEL, SURVEY_FIELD_LABEL } from './surveyLabels';
import { surveyKeys, surveyQueries } from './surveyQueries';

const SOURCE_LABEL = { distribution: '설문 시작 시 자동 발급', principal: '직접 발급' } as const;

const CODE_ERRORS = { SURVEY_CLOSED: '마감된 설문에는 코드를 발급할 수 없습니다.', NO_CODES_FOR_SCHOOL_SURVEY: '학교 설문은 코드 없이 학교장이 응답합니다.' };

const codeSheetPath = (campaignId: number, schoolId: number, batchId: number) => `/surveys/campaigns/${campaignId}/schools/${schoolId}/codes/${batchId}`;

/** 응답 코드: issue one-time codes for the school's respondents and print each batch as a sheet. */
export function CodesSection({ campaign: c, schoolId }: { campaign: SurveyCampaign; schoolId: number }) {
  const batches = useQuery(surveyQueries.codeBatches(c.id, schoolId));
  const [count, setCount] = useState('30');
  const queryClient = useQueryClient();
  // The school's counts and rate change with the codes issued.
  const issue = useMutation({
    mutationFn: (n: number) => api.issueCodes(c.id, schoolId, n),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.campaign(c.id) }),
  });
  const issued = issue.data;
  const closed = c.status === 'closed';

  function submit(event: FormEvent) {
    event.preventDefault();
    issue.mutate(Number(count));
  }

  return (
    <section className="panel" aria-labelledby="codes-heading" data-testid="codes-section">
      <h2 id="codes-heading">응답 코드</h2>
      <p className="muted">
        {AUDIENCE_LABEL[c.audience]} 한 명에게 코드 하나를 나눠 줍니다. 코드마다 한 번만 응답할 수 있고, 제출한 답은 코드와 연결되지 않습니다. 코드표는 가정통신문이나
        학급 배부용으로 인쇄하세요.
      </p>
      {!closed && (
        <form className="inline-form codes-form" aria-label="응답 코드 발급" onSubmit={submit}>
          <InputField id="code-count" label="발급할 코드 수" type="number" min={1} max={2000} step={1} required value={count} onChange={(e) => setCount(e.target.value)} />
          <div className="field field-actions">
            <SubmitButton busy={issue.isPending} busyLabel="발급 중…" disabled={!(Number(count) >= 1 && Number(count) <= 2000)} testId="issue-codes">
              코드 발급
            </SubmitButton>
          </div>
        </form>
      )}
      <ErrorMessage error={issue.error} title="코드를 발급하지 못했습니다." messages={CODE_ERRORS} fields={SURVEY_FIELD_LABEL} />
      {issued && (
        <p className="alert alert-info" role="status" data-testid="codes-issued">
          코드 {issued.codes.length.toLocaleString('ko-KR')}개를 발급했습니다.{' '}
          <Link to={codeSheetPath(c.id, schoolId, issued.batchId)} data-testid="issued-sheet-link">
            인쇄용 코드표 보기
          </Link>
        </p>
      )}
      <ErrorMessage error={batches.error} title="발급한 코드를 불러오지 못했습니다." />
      <ListStates items={batches.data?.items} loading={batches.isPending} empty="아직 발급한 코드가 없습니다.">
        {(items) => (
          <DataTable testId="code-batches" caption="발급한 코드 묶음" columns={['발급 일시', '발급 방법', num('코드'), num('사용'), '']}>
            {items.map((b) => (
              <tr key={b.id}>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{SOURCE_LABEL[b.source] ?? b.source}</td>
                <td className="num">{b.count.toLocaleString('ko-KR')}개</td>
                <td className="num">{b.used.toLocaleString('ko-KR')}개</td>
                <td>
                  <Link to={codeSheetPath(c.id, schoolId, b.id)} className="button button-small button-secondary">
                    코드표 인쇄
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListStates>
    </section>
  );
}
