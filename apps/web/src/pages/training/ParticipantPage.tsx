import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { isCityAdmin } from '../../roles';
import { Link } from '../../router';
import type { User } from '../../types';
import { useAsync } from '../../useAsync';
import { TrainingRecordView } from './TrainingRecordView';
import { useCourseMap } from './useCourseMap';

/** A person's training record as an administrator or principal sees it (the same view as 나의 연수). */
export function ParticipantPage({ user, participantId }: { user: User; participantId: number }) {
  const { data, error, loading, reload } = useAsync(() => api.participant(participantId), [participantId]);
  const courses = useCourseMap();
  const listLabel = user.role === 'principal' ? '우리 학교 연수' : '연수 현황';

  return (
    <div className="page">
      <div className="page-head">
        {user.role !== 'teacher' && (
          <p className="breadcrumb">
            <Link to="/training">{listLabel}</Link> <span aria-hidden="true">›</span> {data?.participant.name ?? '연수 기록'}
          </p>
        )}
        <h1 data-testid="participant-title">{data ? `${data.participant.name}님의 연수 기록` : '연수 기록'}</h1>
        <p className="muted">
          조례 제7조에 따른 AI 교육 연수 이수 기록과 디지털 배지입니다.
          {isCityAdmin(user) && ' 잘못 발급된 배지는 사유를 적어 취소할 수 있습니다.'}
        </p>
      </div>
      <ErrorMessage error={error} title="연수 기록을 불러오지 못했습니다." />
      {loading && !data && <Loading />}
      {data && <TrainingRecordView record={data} courses={courses} canRevoke={isCityAdmin(user)} onChanged={reload} />}
    </div>
  );
}
