import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { School, User } from '../../api/models';
import type { Commendation, CommendationStatus, EvidenceInput, NomineeKind } from '../../api/models/ordinance';
import { ordinanceUrls, practiceApi } from '../../api/ordinance';
import { DataTable } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, InputField, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute } from '../../format';
import { SchoolPicker } from '../accounts/SchoolPicker';
import { COMMENDATION_STATUS_BADGE, COMMENDATION_STATUS_LABEL, currentSchoolYear, EVIDENCE_KIND_LABEL, NOMINEE_KIND_LABEL } from './ordinanceLabels';
import { OrdinanceLayout } from './OrdinanceLayout';
import { ordinanceKeys, ordinanceQueries } from './ordinanceQueries';

const FIELDS: Record<string, string> = {
  year: '연도',
  nomineeKind: '추천 대상 종류',
  nomineeUserId: '교원',
  nomineeSchoolId: '학교',
  nomineeClubId: 'AI 동아리',
  nomineeCommunityId: '학습공동체',
  reason: '추천 사유',
  evidence: '근거',
  decision: '결정',
  awardTitle: '표창 이름',
};

/**
 * 표창 (조례 제10조): the year's nominations (a principal's school's, an office's, all for the city), a nomination
 * with its reason and evidence, the city's decision, and the XLSX for the commendation procedure.
 */
export function CommendationsPage({ user }: { user: User }) {
  const [year, setYear] = useState(currentSchoolYear());
  const [status, setStatus] = useState<CommendationStatus | ''>('');
  const [nominating, setNominating] = useState(false);
  const list = useQuery(ordinanceQueries.commendations({ year, status: status || undefined }));
  const city = user.role === 'city_admin';
  const years = Object.fromEntries(Array.from({ length: 5 }, (_, i) => currentSchoolYear() + 1 - i).map((y) => [String(y), `${y}년`]));
  return (
    <OrdinanceLayout
      title="표창"
      lead="AI 교육에 기여한 교원·학교·AI 동아리·교원 학습공동체를 추천하고, 교육청이 표창 대상을 결정합니다(조례 제10조)."
      actions={
        <div className="page-actions">
          {city && <DownloadButton url={ordinanceUrls.commendationsXlsx(year)} label={`${year}년 표창 XLSX`} filename={`표창_${year}.xlsx`} testId="commendations-export" />}
          {!nominating && (
            <button type="button" className="button button-primary" onClick={() => setNominating(true)} data-testid="nominate-open">
              추천하기
            </button>
          )}
        </div>
      }
    >
      {nominating && <NominationForm user={user} year={year} onDone={() => setNominating(false)} />}
      <section className="panel" aria-labelledby="nominations-heading">
        <h2 id="nominations-heading">추천 목록</h2>
        <div className="form-grid" role="search" aria-label="추천 찾기">
          <SelectField id="commendation-year" label="연도" value={String(year)} options={years} onChange={(v) => setYear(Number(v))} />
          <SelectField id="commendation-status" label="상태" value={status} options={{ ...ANY, ...COMMENDATION_STATUS_LABEL }} onChange={setStatus} />
        </div>
        <ErrorMessage error={list.error} title="추천 목록을 불러오지 못했습니다." />
        {list.isPending && <Loading />}
        {list.data && list.data.length === 0 && <p className="empty">{year}년 추천이 없습니다.</p>}
        {list.data && list.data.length > 0 && (
          <DataTable testId="nominations-table" caption={`${year}년 표창 추천`} columns={['추천 대상', '학교', '추천 사유·근거', '추천', '상태', '결정']}>
            {list.data.map((c) => (
              <NominationRow key={c.id} commendation={c} city={city} />
            ))}
          </DataTable>
        )}
      </section>
    </OrdinanceLayout>
  );
}

function NominationRow({ commendation: c, city }: { commendation: Commendation; city: boolean }) {
  return (
    <tr data-testid="nomination-row" data-id={c.id} data-status={c.status}>
      <th scope="row">
        {c.nomineeName}
        <span className="small muted block">{NOMINEE_KIND_LABEL[c.nomineeKind]}</span>
      </th>
      <td>{c.schoolName ?? '-'}</td>
      <td>
        <p className="pre-line small">{c.reason}</p>
        {c.evidence.length > 0 && (
          <ul className="small muted">
            {c.evidence.map((e, i) => (
              <li key={i}>{e.label}</li>
            ))}
          </ul>
        )}
      </td>
      <td className="small">
        {c.nominatedByName ?? '-'}
        <span className="muted block">{formatSeoulMinute(c.nominatedAt)}</span>
      </td>
      <td>
        <span className={COMMENDATION_STATUS_BADGE[c.status]} data-testid="nomination-status">
          {COMMENDATION_STATUS_LABEL[c.status]}
        </span>
      </td>
      <td className="small">
        {c.status === 'nominated' ? (
          city ? <DecisionForm commendation={c} /> : <span className="muted">심사 중</span>
        ) : (
          <>
            {c.awardTitle && <strong className="block">{c.awardTitle}</strong>}
            {c.decisionReason}
            <span className="muted block">{formatSeoulMinute(c.decidedAt)}</span>
          </>
        )}
      </td>
    </tr>
  );
}

/** The city's decision on a nomination: awarded (with the award's title) or declined, with its reason. */
function DecisionForm({ commendation: c }: { commendation: Commendation }) {
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'awarded' | 'declined'>('awarded');
  const [reason, setReason] = useState('');
  const [awardTitle, setAwardTitle] = useState('서울특별시교육감 표창');
  const decide = useMutation({
    mutationFn: () => practiceApi.decideCommendation(c.id, { decision, reason, ...(decision === 'awarded' ? { awardTitle } : {}) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ordinanceKeys.commendations }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate();
  };
  const id = `decision-${c.id}`;
  return (
    <form className="stack-form decision-form" onSubmit={submit} data-testid="decision-form">
      <SelectField id={`${id}-decision`} label="결정" value={decision} options={{ awarded: '표창 결정', declined: '미선정' }} onChange={setDecision} />
      {decision === 'awarded' && <InputField id={`${id}-award`} label="표창 이름" value={awardTitle} onChange={(e) => setAwardTitle(e.target.value)} maxLength={100} />}
      <TextAreaField id={`${id}-reason`} label="결정 사유" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required maxLength={2000} />
      <ErrorMessage error={decide.error} title="결정하지 못했습니다." fields={FIELDS} />
      <SubmitButton busy={decide.isPending} busyLabel="저장 중…" className="button button-small button-primary" testId="decision-submit">
        결정 저장
      </SubmitButton>
    </form>
  );
}

/** A teacher picked by name (GET /users: the principal's school, the office's or the city's accounts). */
function TeacherPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const users = useQuery({ queryKey: ['users', 'teachers', search], queryFn: () => api.users({ role: 'teacher', q: search || undefined, pageSize: 50 }), enabled: search.length > 0 });
  const options: Record<string, string> = { '': search ? '교원 선택' : '이름으로 먼저 찾으세요', ...Object.fromEntries((users.data?.items ?? []).map((u) => [u.id, `${u.name} (${u.schoolName ?? u.email})`])) };
  return (
    <>
      <div className="field">
        <label htmlFor="nominee-teacher-q">교원 찾기</label>
        <div className="inline-search">
          <input id="nominee-teacher-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="이름, 이메일 또는 교원번호" />
          <button type="button" className="button button-small" onClick={() => setSearch(q.trim())}>
            찾기
          </button>
        </div>
      </div>
      <SelectField id="nominee-teacher" label="교원" value={value} options={options} onChange={onChange} required />
      <ErrorMessage error={users.error} title="교원을 찾지 못했습니다." />
    </>
  );
}

function NominationForm({ user, year, onDone }: { user: User; year: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<NomineeKind>('teacher');
  const [teacherId, setTeacherId] = useState('');
  const [school, setSchool] = useState<Pick<School, 'id' | 'name'> | null>(user.schoolId !== null ? { id: user.schoolId, name: user.schoolName ?? '우리 학교' } : null);
  const [clubId, setClubId] = useState('');
  const [communityId, setCommunityId] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState<EvidenceInput[]>([]);
  const communities = useQuery({ ...ordinanceQueries.communities(), enabled: kind === 'community' });
  const nominate = useMutation({
    mutationFn: () =>
      practiceApi.nominate({
        year,
        nomineeKind: kind,
        ...(kind === 'teacher' ? { nomineeUserId: teacherId } : {}),
        ...(kind === 'school' && school ? { nomineeSchoolId: school.id } : {}),
        ...(kind === 'club' ? { nomineeClubId: Number(clubId) } : {}),
        ...(kind === 'community' ? { nomineeCommunityId: Number(communityId) } : {}),
        reason,
        evidence: evidence.filter((e) => e.ref.trim()),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.commendations });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    nominate.mutate();
  };
  const setRow = (index: number, patch: Partial<EvidenceInput>) => setEvidence(evidence.map((e, i) => (i === index ? { ...e, ...patch } : e)));
  const communityOptions: Record<string, string> = { '': '학습공동체 선택', ...Object.fromEntries((communities.data ?? []).map((c) => [String(c.id), `${c.name} (${c.schoolYear}학년도)`])) };
  return (
    <section className="panel" aria-labelledby="nominate-heading">
      <h2 id="nominate-heading">{year}년 표창 추천</h2>
      <form className="form-grid" onSubmit={submit} data-testid="nomination-form">
        <SelectField id="nominee-kind" label="추천 대상" value={kind} options={NOMINEE_KIND_LABEL} onChange={setKind} />
        {kind === 'teacher' && <TeacherPicker value={teacherId} onChange={setTeacherId} />}
        {kind === 'school' &&
          (user.role === 'principal' ? (
            <InputField id="nominee-school" label="학교" value={school?.name ?? ''} readOnly />
          ) : (
            <SchoolPicker id="nominee-school" label="학교" school={school} onChange={setSchool} />
          ))}
        {kind === 'club' && <InputField id="nominee-club" label="AI 동아리 번호" type="number" min={1} value={clubId} onChange={(e) => setClubId(e.target.value)} required hint="학교 AI 교실 화면의 동아리 번호" />}
        {kind === 'community' && <SelectField id="nominee-community" label="학습공동체" value={communityId} options={communityOptions} onChange={setCommunityId} required />}
        <TextAreaField id="nominee-reason" label="추천 사유" wide value={reason} onChange={(e) => setReason(e.target.value)} rows={4} required maxLength={5000} />
        <fieldset className="field field-wide">
          <legend>근거 (선택)</legend>
          {evidence.map((e, index) => (
            <div key={index} className="evidence-row">
              <SelectField id={`evidence-${index}-kind`} label="근거 종류" value={e.kind as keyof typeof EVIDENCE_KIND_LABEL} options={EVIDENCE_KIND_LABEL} onChange={(v) => setRow(index, { kind: v as EvidenceInput['kind'] })} />
              <InputField id={`evidence-${index}-ref`} label="번호" value={e.ref} onChange={(ev) => setRow(index, { ref: ev.target.value })} maxLength={64} hint="평가·사례 번호 또는 배지 ID" />
              <button type="button" className="button button-small button-ghost" onClick={() => setEvidence(evidence.filter((_, i) => i !== index))}>
                빼기
              </button>
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => setEvidence([...evidence, { kind: 'practice_case', ref: '' }])}>
            근거 추가
          </button>
        </fieldset>
        <ErrorMessage error={nominate.error} title="추천하지 못했습니다." fields={FIELDS} />
        <div className="form-actions">
          <SubmitButton busy={nominate.isPending} busyLabel="추천 중…" testId="nominate-submit">
            추천
          </SubmitButton>
          <button type="button" className="button button-ghost" onClick={onDone}>
            취소
          </button>
        </div>
      </form>
    </section>
  );
}
