import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { CourseInput, DeliveryMode, ParticipantKind, SessionInput, TrainingCourse, TrainingLevel, TrainingPathway } from '../../api/models';
import { currentSchoolYear } from '../../components/ClubSection';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, CheckboxGroup, InputField, Notice, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { LoadingPage } from '../../components/PageFallback';
import { DELIVERY_MODE_LABEL, formatHours, PARTICIPANT_KIND_LABEL, schoolYearOptions, TRAINING_LEVEL_LABEL, TRAINING_LEVELS, trainingLevel } from '../../labels';
import { Link } from 'react-router';
import { coursesQuery, pathwaysQuery, trainingKeys } from './queries';

const COURSE_ERRORS = { DUPLICATE: '같은 코드의 연수 과정이 이미 있습니다.' };

/** 연수 과정 관리 (city administrators): the course list, a new course, and each level's pathway. */
export function CoursesPage() {
  const year = currentSchoolYear();
  const years = Array.from({ length: 6 }, (_, i) => String(year + 1 - i));
  const [schoolYear, setSchoolYear] = useState('');
  const [level, setLevel] = useState<TrainingLevel | ''>('');
  const courses = useQuery({ ...coursesQuery({ schoolYear: schoolYear ? Number(schoolYear) : undefined, level: level || undefined }), placeholderData: keepPreviousData });
  const allCourses = useQuery(coursesQuery());
  const pathways = useQuery(pathwaysQuery);

  return (
    <div className="page">
      <div className="page-head">
        <p className="breadcrumb">
          <Link to="/training">연수 현황</Link> <span aria-hidden="true">›</span> 연수 과정 관리
        </p>
        <h1>연수 과정 관리</h1>
        <p className="muted">조례 제7조에 따른 교원 연수 과정을 등록하고, 단계별 이수 경로(배지를 받는 데 필요한 과정)를 정합니다.</p>
      </div>

      <section className="panel" aria-labelledby="course-list-heading">
        <h2 id="course-list-heading">연수 과정 목록</h2>
        <div className="form-grid" role="group" aria-label="연수 과정 검색">
          <SelectField
            id="course-filter-year"
            label="학년도"
            options={{ ...ANY, ...schoolYearOptions(years) }}
            value={schoolYear ? `y${schoolYear}` : ''}
            onChange={(v) => setSchoolYear(v.slice(1))}
          />
          <SelectField id="course-filter-level" label="단계" options={{ ...ANY, ...TRAINING_LEVEL_LABEL }} value={level} onChange={setLevel} />
        </div>
        <ErrorMessage error={courses.error} title="연수 과정을 불러오지 못했습니다." />
        {!courses.data && !courses.error ? (
          <LoadingPage />
        ) : courses.data && courses.data.length === 0 ? (
          <p className="muted" data-testid="course-empty">
            조건에 맞는 연수 과정이 없습니다.
          </p>
        ) : (
          courses.data && <CourseTable courses={courses.data} />
        )}
      </section>

      <CourseForm defaultYear={year} />

      <section className="panel" aria-labelledby="pathway-heading">
        <h2 id="pathway-heading">단계별 이수 경로</h2>
        <p className="muted small">경로의 과정을 모두 이수하면 그 단계의 배지가 발급됩니다.</p>
        <ErrorMessage error={pathways.error ?? allCourses.error} title="이수 경로를 불러오지 못했습니다." />
        {pathways.data && allCourses.data ? (
          TRAINING_LEVELS.map((lv) => (
            <PathwayEditor
              key={lv}
              level={lv}
              pathway={pathways.data?.find((p) => p.level === lv) ?? null}
              courses={allCourses.data ?? []}
            />
          ))
        ) : (
          !pathways.error && !allCourses.error && <LoadingPage />
        )}
      </section>
    </div>
  );
}

function CourseTable({ courses }: { courses: TrainingCourse[] }) {
  return (
    <DataTable testId="course-table" caption="연수 과정 목록" columns={['코드', '과정명', '학년도', '단계', '운영 방식', '대상', num('인정 시간')]}>
      {courses.map((c) => (
        <tr key={c.id}>
          <th scope="row">{c.code}</th>
          <td>
            {c.title}
            {c.titleEn && <span className="muted small"> {c.titleEn}</span>}
          </td>
          <td>{c.schoolYear}</td>
          <td>{trainingLevel(c.level)}</td>
          <td>{DELIVERY_MODE_LABEL[c.deliveryMode] ?? c.deliveryMode}</td>
          <td>{c.audience.map((a) => PARTICIPANT_KIND_LABEL[a] ?? a).join(', ')}</td>
          <td className="num">{formatHours(c.creditHours)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

interface SessionRow extends Record<keyof SessionInput, string> {
  key: number;
}

let nextKey = 1;

function CourseForm({ defaultYear }: { defaultYear: number }) {
  const [code, setCode] = useState('');
  const [schoolYear, setSchoolYear] = useState(String(defaultYear));
  const [title, setTitle] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [level, setLevel] = useState<TrainingLevel>('basic');
  const [deliveryMode, setDeliveryMode] = useState<DeliveryMode>('in_person');
  const [audience, setAudience] = useState<ParticipantKind[]>(['teacher']);
  const [creditHours, setCreditHours] = useState('15');
  const [provider, setProvider] = useState('');
  const [prerequisiteLevel, setPrerequisiteLevel] = useState<TrainingLevel | ''>('');
  const [description, setDescription] = useState('');
  const [criteria, setCriteria] = useState('');
  const [badgeValidMonths, setBadgeValidMonths] = useState('');
  const [sessions, setSessions] = useState<SessionRow[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: api.createCourse,
    onMutate: () => setNotice(null),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: trainingKeys.courses });
      setNotice(`${created.code} 과정을 등록했습니다.`);
      setCode('');
      setTitle('');
      setTitleEn('');
      setSessions([]);
    },
  });

  const setSession = (key: number, field: keyof SessionInput, value: string) =>
    setSessions((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const input: CourseInput = {
      code: code.trim(),
      schoolYear: Number(schoolYear),
      title: title.trim(),
      level,
      deliveryMode,
      audience,
      creditHours: Number(creditHours),
      ...(titleEn.trim() ? { titleEn: titleEn.trim() } : {}),
      ...(provider.trim() ? { provider: provider.trim() } : {}),
      ...(prerequisiteLevel ? { prerequisiteLevel } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(criteria.trim() ? { criteria: criteria.trim() } : {}),
      ...(badgeValidMonths.trim() ? { badgeValidMonths: Number(badgeValidMonths) } : {}),
      ...(sessions.length
        ? { sessions: sessions.map((s) => ({ code: s.code.trim(), startsOn: s.startsOn, endsOn: s.endsOn, capacity: Number(s.capacity) })) }
        : {}),
    };
    create.mutate(input);
  }

  return (
    <section className="panel" aria-labelledby="course-new-heading">
      <h2 id="course-new-heading">새 연수 과정</h2>
      <form aria-label="새 연수 과정" onSubmit={submit}>
        <div className="form-grid">
          <InputField id="course-code" label="과정 코드" required maxLength={40} value={code} onChange={(e) => setCode(e.target.value)} placeholder="AI-B-101" hint="영문·숫자·. _ -, 40자 이내" />
          <InputField id="course-year" label="학년도" type="number" required min={2000} max={2100} value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)} />
          <InputField id="course-title" label="과정명" wide required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
          <InputField id="course-title-en" label="영문 과정명" wide maxLength={200} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} hint="배지에 함께 표시됩니다(선택)." />
          <SelectField id="course-level" label="단계" options={TRAINING_LEVEL_LABEL} value={level} onChange={setLevel} />
          <SelectField id="course-mode" label="운영 방식" options={DELIVERY_MODE_LABEL} value={deliveryMode} onChange={setDeliveryMode} />
          <InputField id="course-hours" label="인정 시간" type="number" required min={0.5} max={999} step={0.5} value={creditHours} onChange={(e) => setCreditHours(e.target.value)} />
          <InputField id="course-provider" label="운영 기관" maxLength={200} value={provider} onChange={(e) => setProvider(e.target.value)} />
          <SelectField id="course-prerequisite" label="선수 단계" options={{ '': '없음', ...TRAINING_LEVEL_LABEL }} value={prerequisiteLevel} onChange={setPrerequisiteLevel} />
          <InputField id="course-badge-months" label="배지 유효 기간(개월)" type="number" min={1} max={240} step={1} value={badgeValidMonths} onChange={(e) => setBadgeValidMonths(e.target.value)} hint="비워 두면 기한이 없습니다." />
          <TextAreaField id="course-description" label="과정 설명" wide rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
          <TextAreaField id="course-criteria" label="이수 기준" wide rows={2} maxLength={2000} value={criteria} onChange={(e) => setCriteria(e.target.value)} />
        </div>
        <CheckboxGroup id="course-audience" legend="대상" options={PARTICIPANT_KIND_LABEL} value={audience} onChange={setAudience} />

        <h3>차수 (선택)</h3>
        {sessions.length > 0 && (
          <ul className="row-list" data-testid="session-rows">
            {sessions.map((row, i) => (
              <li key={row.key} className="row-item">
                <InputField id={`session-code-${row.key}`} label={`차수 ${i + 1}`} required maxLength={40} value={row.code} onChange={(e) => setSession(row.key, 'code', e.target.value)} placeholder="1기" />
                <InputField id={`session-start-${row.key}`} label="시작일" type="date" required value={row.startsOn} onChange={(e) => setSession(row.key, 'startsOn', e.target.value)} />
                <InputField id={`session-end-${row.key}`} label="종료일" type="date" required value={row.endsOn} onChange={(e) => setSession(row.key, 'endsOn', e.target.value)} />
                <InputField id={`session-capacity-${row.key}`} label="정원" type="number" required min={1} max={100000} value={row.capacity} onChange={(e) => setSession(row.key, 'capacity', e.target.value)} />
                <button type="button" className="button button-small button-danger" aria-label={`차수 ${i + 1} 삭제`} onClick={() => setSessions((rows) => rows.filter((r) => r.key !== row.key))}>
                  삭제
                </button>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setSessions((rows) => [...rows, { key: nextKey++, code: `${rows.length + 1}기`, startsOn: '', endsOn: '', capacity: '100' }])}
        >
          차수 추가
        </button>

        <ErrorMessage error={create.error} title="연수 과정을 등록하지 못했습니다." messages={COURSE_ERRORS} />
        <div className="form-actions">
          <SubmitButton busy={create.isPending} busyLabel="등록 중…" disabled={audience.length === 0} testId="course-submit">
            과정 등록
          </SubmitButton>
          <Notice text={notice} testId="course-notice" />
        </div>
      </form>
    </section>
  );
}

interface PathwayEditorProps {
  level: TrainingLevel;
  pathway: TrainingPathway | null;
  courses: TrainingCourse[];
}

/** One level's pathway: a checkbox per course code. */
function PathwayEditor({ level, pathway, courses }: PathwayEditorProps) {
  const saved = pathway?.courseCodes ?? [];
  const [codes, setCodes] = useState<string[]>(saved);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  useEffect(() => setNotice(null), [codes]);

  // Every course code once (a code may exist in several school years); this level's first, then codes already chosen.
  const known = Array.from(new Set([...courses.filter((c) => c.level === level).map((c) => c.code), ...saved, ...courses.map((c) => c.code)]));
  const options = Object.fromEntries(known.map((c) => [c, c]));
  const changed = codes.length !== saved.length || codes.some((c) => !saved.includes(c));
  const label = TRAINING_LEVEL_LABEL[level];

  // The answer is every level's pathway.
  const save = useMutation({
    mutationFn: () => api.setPathway(level, codes),
    onSuccess: (all) => {
      queryClient.setQueryData(pathwaysQuery.queryKey, all);
      setNotice(`${label} 단계 경로를 저장했습니다.`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="edit-box" aria-label={`${label} 단계 이수 경로`} onSubmit={submit} data-testid={`pathway-${level}`}>
      <CheckboxGroup
        id={`pathway-${level}`}
        legend={`${label} 단계${pathway?.name ? ` (${pathway.name})` : ''}`}
        options={options}
        value={codes}
        onChange={setCodes}
        hint={saved.length ? `현재 경로: ${saved.join(', ')}` : '아직 정한 과정이 없습니다.'}
      />
      <ErrorMessage error={save.error} title={`${label} 단계 경로를 저장하지 못했습니다.`} />
      <div className="form-actions">
        <SubmitButton busy={save.isPending} busyLabel="저장 중…" disabled={!changed} className="button button-secondary" testId={`pathway-${level}-save`}>
          {label} 경로 저장
        </SubmitButton>
        <Notice text={notice} testId={`pathway-${level}-notice`} />
      </div>
    </form>
  );
}
