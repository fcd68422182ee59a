import { useQuery } from '@tanstack/react-query';
import type { User } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ErrorMessage } from '../../components/ErrorMessage';
import { isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { participantQuery } from './queries';
import { LoadedTrainingRecord } from './TrainingRecordView';

interface Props {
  user: User;
  participantId: number;
  /** The name of the training list (연수 현황 / 우리 학교 연수), for the breadcrumb. */
  listLabel: string;
}

/** A person's training record as an administrator or principal sees it (the same view as 나의 연수). */
export function ParticipantPage({ user, participantId, listLabel }: Props) {
  const record = useQuery(participantQuery(participantId));
  const { data, error } = record;

  return (
    <div className="page">
      <div className="page-head">
        {user.role !== 'teacher' && <Breadcrumb steps={[<Link to="/training">{listLabel}</Link>, data?.participant.name ?? '연수 기록']} />}
        <h1 data-testid="participant-title">{data ? `${data.participant.name}님의 연수 기록` : '연수 기록'}</h1>
        <p className="muted">
          조례 제7조에 따른 AI 교육 연수 이수 기록과 디지털 배지입니다.
          {isCityAdmin(user) && ' 잘못 발급된 배지는 사유를 적어 취소할 수 있습니다.'}
        </p>
      </div>
      <ErrorMessage error={error} title="연수 기록을 불러오지 못했습니다." />
      <LoadedTrainingRecord state={record} user={user} />
    </div>
  );
}
