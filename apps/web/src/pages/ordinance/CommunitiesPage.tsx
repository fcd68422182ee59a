import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { User } from '../../api/models';
import type { Community, CreditResult } from '../../api/models/ordinance';
import { practiceApi } from '../../api/ordinance';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatDate, formatSeoulMinute } from '../../format';
import { isAdmin } from '../../roles';
import { coursesQuery } from '../training/queries';
import { currentSchoolYear, ordinancePaths } from './ordinanceLabels';
import { OrdinanceLayout } from './OrdinanceLayout';
import { ordinanceKeys, ordinanceQueries } from './ordinanceQueries';

const hours = (h: number) => `${h.toLocaleString('ko-KR', { maximumFractionDigits: 1 })}시간`;
const COMMUNITY_FIELDS: Record<string, string> = { name: '이름', description: '소개', schoolYear: '학년도', heldOn: '모임 날짜', topic: '주제', hours: '시간', courseId: '연수 과정' };

/** 교원 학습공동체 (조례 제8조): the communities this user may see, and a new one. */
export function CommunitiesPage({ user }: { user: User }) {
  const list = useQuery(ordinanceQueries.communities());
  const [creating, setCreating] = useState(false);
  return (
    <OrdinanceLayout
      title="교원 학습공동체"
      lead="교원 학습공동체의 구성원, 모임과 활동 시간입니다. 교육지원청은 활동 시간을 연수 이수로 인정할 수 있습니다."
      actions={
        !creating ? (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="community-new">
            학습공동체 만들기
          </button>
        ) : null
      }
    >
      {creating && <CommunityForm onCancel={() => setCreating(false)} />}
      <section className="panel" aria-labelledby="communities-heading">
        <h2 id="communities-heading">학습공동체</h2>
        <ErrorMessage error={list.error} title="학습공동체를 불러오지 못했습니다." />
        {list.isPending && <Loading />}
        {list.data && list.data.length === 0 && <p className="empty">볼 수 있는 학습공동체가 없습니다.</p>}
        {list.data && list.data.length > 0 && (
          <DataTable testId="communities-table" caption="학습공동체 목록" columns={['이름', '학교', '학년도', num('구성원'), num('모임'), num('활동 시간')]}>
            {list.data.map((c) => (
              <tr key={c.id} data-testid="community-row" data-id={c.id}>
                <th scope="row">
                  <Link to={ordinancePaths.community(c.id)}>{c.name}</Link>
                </th>
                <td>{c.schoolName ?? (c.districtOffice ? '교육지원청 학교 연합' : '서울 전체')}</td>
                <td className="nowrap">{c.schoolYear}학년도</td>
                <td className="num">{c.memberCount}명</td>
                <td className="num">{c.meetingCount}회</td>
                <td className="num">{hours(c.totalHours)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </OrdinanceLayout>
  );
}

function CommunityForm({ onCancel }: { onCancel: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [schoolYear, setSchoolYear] = useState(String(currentSchoolYear()));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => practiceApi.createCommunity({ name, description, schoolYear: Number(schoolYear) }),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.communities });
      void navigate(ordinancePaths.community(c.id));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="panel" aria-labelledby="community-form-heading">
      <h2 id="community-form-heading">학습공동체 만들기</h2>
      <form className="form-grid" onSubmit={submit} data-testid="community-form">
        <InputField id="community-name" label="이름" wide value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <InputField id="community-year" label="학년도" type="number" min={2000} max={2100} value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)} required />
        <TextAreaField id="community-description" label="소개 (선택)" wide value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={5000} />
        <ErrorMessage error={create.error} title="학습공동체를 만들지 못했습니다." fields={COMMUNITY_FIELDS} />
        <div className="form-actions">
          <SubmitButton busy={create.isPending} busyLabel="만드는 중…">
            만들기
          </SubmitButton>
          <button type="button" className="button button-ghost" onClick={onCancel}>
            취소
          </button>
        </div>
      </form>
    </section>
  );
}

/** One community: members with their hours, meetings (and a new one), and the hours credited to training courses. */
export function CommunityPage({ user, communityId }: { user: User; communityId: number }) {
  const community = useQuery(ordinanceQueries.community(communityId));
  const c = community.data;
  return (
    <OrdinanceLayout title={c?.name ?? '교원 학습공동체'} lead={<Link to={ordinancePaths.communities}>학습공동체 목록으로</Link>}>
      <ErrorMessage error={community.error} title="학습공동체를 불러오지 못했습니다." />
      {community.isPending && <Loading />}
      {c && (
        <>
          <section className="panel" aria-labelledby="community-facts-heading">
            <h2 id="community-facts-heading" className="sr-only">
              개요
            </h2>
            {c.description && <p className="pre-line">{c.description}</p>}
            <dl className="facts" data-testid="community-facts">
              <div>
                <dt>학교</dt>
                <dd>{c.schoolName ?? '학교 연합'}</dd>
              </div>
              <div>
                <dt>학년도</dt>
                <dd>{c.schoolYear}학년도</dd>
              </div>
              <div>
                <dt>활동 시간</dt>
                <dd data-testid="community-hours">
                  {hours(c.totalHours)} · 모임 {c.meetingCount}회
                </dd>
              </div>
            </dl>
          </section>
          <Members community={c} />
          <Meetings community={c} />
          <Credits user={user} community={c} />
        </>
      )}
    </OrdinanceLayout>
  );
}

function Members({ community: c }: { community: Community }) {
  return (
    <section className="panel" aria-labelledby="members-heading">
      <h2 id="members-heading">구성원 {c.members.length}명</h2>
      {c.members.length === 0 ? (
        <p className="empty">아직 구성원이 없습니다.</p>
      ) : (
        <DataTable testId="members-table" caption="구성원" columns={['이름', '역할', '학교', num('참여 시간')]}>
          {c.members.map((m) => (
            <tr key={m.userId}>
              <th scope="row">{m.displayName}</th>
              <td>{m.role === 'leader' ? '대표' : '구성원'}</td>
              <td>{m.schoolName ?? '-'}</td>
              <td className="num">{hours(m.hours)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Meetings({ community: c }: { community: Community }) {
  const queryClient = useQueryClient();
  const [heldOn, setHeldOn] = useState('');
  const [topic, setTopic] = useState('');
  const [length, setLength] = useState('2');
  const add = useMutation({
    mutationFn: () => practiceApi.addMeeting(c.id, { heldOn, topic, hours: Number(length) }),
    onSuccess: (next) => {
      queryClient.setQueryData(ordinanceKeys.community(c.id), next);
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.communities });
      setTopic('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const names = new Map(c.members.map((m) => [m.userId, m.displayName]));
  return (
    <section className="panel" aria-labelledby="meetings-heading">
      <h2 id="meetings-heading">모임</h2>
      {c.meetings.length === 0 ? (
        <p className="empty">기록된 모임이 없습니다.</p>
      ) : (
        <DataTable testId="meetings-table" caption="모임" columns={['날짜', '주제', num('시간'), '참석']}>
          {c.meetings.map((m) => (
            <tr key={m.id} data-testid="meeting-row">
              <td className="nowrap">{formatDate(m.heldOn)}</td>
              <th scope="row">{m.topic}</th>
              <td className="num">{hours(m.hours)}</td>
              <td className="small">{m.attendeeIds.map((id) => names.get(id) ?? '알 수 없음').join(', ') || '-'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3>모임 기록</h3>
      <form className="form-grid" onSubmit={submit} data-testid="meeting-form">
        <InputField id="meeting-date" label="날짜" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} required />
        <InputField id="meeting-topic" label="주제" wide value={topic} onChange={(e) => setTopic(e.target.value)} required maxLength={300} />
        <InputField id="meeting-hours" label="시간" type="number" min={0.5} max={24} step={0.5} value={length} onChange={(e) => setLength(e.target.value)} required hint="구성원 모두 참석한 것으로 기록됩니다." />
        <ErrorMessage error={add.error} title="모임을 기록하지 못했습니다." fields={COMMUNITY_FIELDS} />
        <div className="form-actions">
          <SubmitButton busy={add.isPending} busyLabel="기록 중…" testId="meeting-submit">
            모임 기록
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}

/** Hours credited to training courses, and (district office, city) a new credit. */
function Credits({ user, community: c }: { user: User; community: Community }) {
  const queryClient = useQueryClient();
  const admin = isAdmin(user);
  const courses = useQuery({ ...coursesQuery({ schoolYear: c.schoolYear }), enabled: admin });
  const [courseId, setCourseId] = useState('');
  const [result, setResult] = useState<CreditResult | null>(null);
  const credit = useMutation({
    mutationFn: () => practiceApi.creditCommunity(c.id, Number(courseId)),
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.community(c.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!window.confirm('구성원의 활동 시간을 선택한 연수 과정의 이수로 인정합니다. 계속할까요?')) return;
    credit.mutate();
  };
  const options: Record<string, string> = { '': '연수 과정 선택', ...Object.fromEntries((courses.data ?? []).map((course) => [String(course.id), `${course.title} (${course.code})`])) };
  return (
    <section className="panel" aria-labelledby="credits-heading">
      <h2 id="credits-heading">연수 이수 인정</h2>
      {c.credits.length === 0 ? (
        <p className="empty">아직 연수로 인정된 시간이 없습니다.</p>
      ) : (
        <ul data-testid="credits">
          {c.credits.map((cr) => (
            <li key={cr.id}>
              {cr.courseTitle} ({cr.courseCode}) · {cr.membersCredited}명 · {formatSeoulMinute(cr.creditedAt)}
            </li>
          ))}
        </ul>
      )}
      {admin && (
        <form className="form-grid" onSubmit={submit} data-testid="credit-form">
          <SelectField id="credit-course" label={`${c.schoolYear}학년도 연수 과정`} wide value={courseId} options={options} onChange={setCourseId} required />
          <ErrorMessage error={credit.error ?? courses.error} title="연수 이수로 인정하지 못했습니다." fields={COMMUNITY_FIELDS} />
          <div className="form-actions">
            <SubmitButton busy={credit.isPending} busyLabel="인정 중…" disabled={!courseId}>
              활동 시간을 연수 이수로 인정
            </SubmitButton>
          </div>
        </form>
      )}
      {result && (
        <div className="notice-box" role="status" data-testid="credit-result">
          <p className="notice">{result.credited.length}명의 시간을 연수 이수로 인정했습니다. 디지털 배지가 발급됩니다.</p>
          {result.skipped.length > 0 && (
            <ul className="small">
              {result.skipped.map((s) => (
                <li key={s.userId}>
                  {s.displayName}: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
