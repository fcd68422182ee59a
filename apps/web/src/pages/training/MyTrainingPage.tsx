import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api';
import type { User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { myTrainingQuery } from './queries';
import { LoadedTrainingRecord } from './TrainingRecordView';

/** 나의 연수: the signed-in person's own training record and badges. */
export function MyTrainingPage({ user }: { user: User }) {
  const record = useQuery(myTrainingQuery);
  const { error } = record;
  const noRecord = error instanceof ApiError && error.status === 404;

  return (
    <div className="page">
      <div className="page-head">
        <h1>나의 연수</h1>
        <p className="muted">서울특별시교육청 인공지능 교육 지원 조례 제7조에 따른 AI 교육 연수 이수 기록과 디지털 배지입니다.</p>
      </div>
      {noRecord ? (
        <section className="panel" data-testid="no-training-record">
          <h2>아직 연수 이수 기록이 없습니다.</h2>
          <p className="muted">
            AI 교육 연수를 이수하면 교육청이 이수 기록을 등록하고, 이곳에 이수한 과정과 디지털 배지가 표시됩니다. 이수했는데 보이지 않으면 연수 담당자에게
            문의하세요. (계정 이메일: {user.email})
          </p>
        </section>
      ) : (
        <ErrorMessage error={error} title="연수 기록을 불러오지 못했습니다." />
      )}
      <LoadedTrainingRecord state={record} user={user} />
    </div>
  );
}
