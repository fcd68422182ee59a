import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../labels';
import { SurveyForm } from './SurveyForm';
import { surveyKeys, surveyQueries } from './surveyQueries';

const SCHOOL_RESPONSE_ERRORS = {
  SURVEY_CLOSED: '지금은 이 설문의 응답 기간이 아닙니다.',
  ALREADY_SUBMITTED: '우리 학교는 이미 이 설문을 제출했습니다.',
  INVALID_ANSWERS: '답을 확인하세요.',
};

interface Props {
  campaignId: number;
  schoolId: number;
  user: User;
}

/**
 * A school-level survey (e.g. the office's 실태조사), answered once for the school by its principal:
 * 임시 저장 and 제출, then the submitted answers read only. Administrators see the same read only.
 */
export function SchoolResponseSection({ campaignId, schoolId, user }: Props) {
  const response = useQuery(surveyQueries.schoolResponse(campaignId, schoolId));
  const queryClient = useQueryClient();
  if (!response.data) return response.error ? <ErrorMessage error={response.error} title="학교 설문을 불러오지 못했습니다." /> : <Loading />;
  const r = response.data;
  const answering = user.role === 'principal' && !r.submitted && r.status === 'open';
  return (
    <section className="panel" aria-labelledby="school-response-heading" data-testid="school-response">
      <div className="panel-head">
        <h2 id="school-response-heading">학교 응답</h2>
        {r.submitted ? (
          <span className="badge badge-ok" data-testid="school-response-state" data-state="submitted">
            제출 완료
          </span>
        ) : (
          <span className="badge badge-warning" data-testid="school-response-state" data-state="draft">
            미제출
          </span>
        )}
      </div>
      {r.submitted && (
        <p className="alert alert-info" data-testid="school-response-submitted">
          {formatDateTime(r.submitted.submittedAt)}에 {r.submitted.submittedBy}님이 제출했습니다. 제출한 응답은 고칠 수 없습니다.
        </p>
      )}
      {!r.submitted && user.role === 'principal' && r.status !== 'open' && (
        <p className="alert alert-warning">{r.status === 'scheduled' ? '아직 응답 기간이 아닙니다.' : '응답 기간이 끝났습니다. 제출하지 않은 설문입니다.'}</p>
      )}
      {!r.submitted && answering && <p className="muted small">학교장이 학교를 대표해 한 번 제출합니다. 중간에 임시 저장하면 나중에 이어서 작성할 수 있습니다.</p>}
      <SurveyForm
        key={r.submitted ? 'submitted' : 'draft'}
        definition={r.definition}
        initialAnswers={r.submitted ? r.answers : r.draft}
        readOnly={!answering}
        messages={SCHOOL_RESPONSE_ERRORS}
        ErrorView={ErrorMessage}
        onSaveDraft={async (answers) => {
          const saved = await api.saveSchoolDraft(campaignId, schoolId, answers);
          // Opened again later, the form starts from this draft.
          queryClient.setQueryData(surveyQueries.schoolResponse(campaignId, schoolId).queryKey, (r) => r && { ...r, draft: saved.answers });
        }}
        onSubmit={async (answers, key) => {
          await api.submitSchoolResponse(campaignId, schoolId, answers, key);
          // The submitted answers, and the campaigns' counts.
          await queryClient.invalidateQueries({ queryKey: surveyKeys.campaigns });
        }}
      />
    </section>
  );
}
