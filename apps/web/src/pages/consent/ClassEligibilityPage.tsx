import { formatDate } from '../../labels';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { consentUrls } from '../../api';
import type { AiService, School, User } from '../../api/models';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Link } from 'react-router';
import { AddStudentForm } from './AddStudentForm';
import { ClassForm } from './ClassForm';
import { ConsentLayout } from './ConsentLayout';
import { classText, consentPaths, yearOfSchooling } from './consentLabels';
import { consentQueries } from './consentQueries';
import { EligibilityTable } from './EligibilityTable';
import { SchoolChooser } from './SchoolChooser';
import { StudentRecordsPanel } from './StudentRecordsPanel';
import { choiceQuery, useAiServices, useClassChoice, useSchool, type ClassChoice } from './useClassChoice';

/**
 * 학급 명단과 동의 현황 (principals, teachers, administrators in scope): pick a class and a service
 * and see, before the lesson, who may use it directly and every reason; open a student's consent
 * records to record a decision or a withdrawal; add students to the roster.
 */
export function ClassEligibilityPage({ user }: { user: User }) {
  const [choice, setChoice] = useClassChoice(user);
  const school = useSchool(choice.schoolId);
  const services = useAiServices();

  return (
    <ConsentLayout
      user={user}
      title="학급 명단과 동의 현황"
      lead="수업 전에 학급 학생마다 생성형 AI를 직접 사용할 수 있는지와 그 사유를 확인합니다. 초등학생은 교사 주도 활용만 가능하고, 중·고등학생은 서비스의 최소 연령과 보호자 동의를 확인합니다."
    >
      <section className="panel no-print" aria-label="학급 고르기">
        <SchoolChooser user={user} school={school.data ?? null} onChoose={(schoolId) => setChoice({ schoolId, grade: null, classNo: null })} />
        <ErrorMessage error={school.error ?? services.error} title="학교 또는 서비스 목록을 불러오지 못했습니다." />
        {services.data && services.data.length === 0 && <p className="empty">등록된 AI 서비스가 없습니다. 교육청이 AI 서비스와 동의 안내문을 먼저 등록해야 합니다.</p>}
        {services.data && services.data.length > 0 && school.data && (
          <ClassForm key={`${school.data.id}${choiceQuery(choice)}`} school={school.data} services={services.data} choice={choice} onSubmit={setChoice} withDate submitLabel="명단 보기" testId="class-form" />
        )}
      </section>
      {school.data && services.data && <ClassSection school={school.data} services={services.data} choice={choice} />}
    </ConsentLayout>
  );
}

function ClassSection({ school, services, choice }: { school: School; services: AiService[]; choice: ClassChoice }) {
  const service = services.find((s) => s.id === choice.serviceId) ?? null;
  const chosen = choice.grade !== null && choice.classNo !== null && service !== null;
  const year = choice.grade !== null ? yearOfSchooling(school.level, choice.grade) : 0;
  const classQuery = { schoolId: school.id, grade: year, classNo: choice.classNo ?? 0, serviceId: service?.id ?? 0, ...(choice.date ? { date: choice.date } : {}) };
  const list = useQuery({ ...consentQueries.classEligibility(classQuery), enabled: chosen });
  const [selected, setSelected] = useState<number | null>(null);
  const [blockedOnly, setBlockedOnly] = useState(false);
  // 미회신 as the administrators' 동의 현황 counts it (no answer to the notice in force), for this class.
  const overview = useQuery({
    ...consentQueries.overview({ serviceId: service?.id ?? 0, level: 'class', schoolId: school.id, ...(choice.date ? { date: choice.date } : {}) }),
    enabled: chosen,
  });
  const counts = overview.data?.groups.find((g) => g.grade === year && g.classNo === choice.classNo);

  if (!chosen) return <p className="empty">학년, 반과 AI 서비스를 고른 뒤 명단 보기를 누르세요.</p>;
  const data = list.data;
  return (
    <>
      <section className="panel" aria-labelledby="class-heading" data-testid="class-eligibility">
        <div className="panel-head">
          <h2 id="class-heading">
            {school.name} {classText(year, choice.classNo, school.level)} · {service.name}
          </h2>
          <div className="row-actions no-print">
            <DownloadButton
              url={consentUrls.classEligibilityXlsx(classQuery)}
              label="XLSX 내려받기"
              filename={`AI_이용_가능_명단_${classText(year, choice.classNo, school.level)}.xlsx`}
              className="button button-small"
              testId="class-xlsx"
            />
            <Link to={`${consentPaths.letters}${choiceQuery(choice)}`} className="button button-small" data-testid="to-letters">
              가정통신문 만들기
            </Link>
            <button type="button" className="button button-small" onClick={() => window.print()} data-testid="print-class">
              인쇄
            </button>
          </div>
        </div>
        <ErrorMessage error={list.error} title="학급 명단을 불러오지 못했습니다." />
        {list.isPending && <Loading />}
        {data && (
          <>
            <p data-testid="eligibility-summary">
              {formatDate(data.date)} 기준 사용 가능 <strong>{data.allowed}</strong>명 / 명단 {data.items.length}명
              {!service.active && <span className="badge badge-danger"> 사용 중지된 서비스</span>}
            </p>
            <div className="class-counts">
              <p className="class-counts-figures" data-testid="class-counts">
                전체 <strong>{data.items.length}</strong>명 · 사용 가능 <strong>{data.allowed}</strong>명 · 불가 <strong>{data.items.length - data.allowed}</strong>명 · 미회신{' '}
                <strong>{counts ? counts.noAnswer : data.items.length ? '…' : 0}</strong>명
              </p>
              <label className="checkbox no-print" htmlFor="class-blocked-only">
                <input id="class-blocked-only" type="checkbox" checked={blockedOnly} onChange={(e) => setBlockedOnly(e.target.checked)} data-testid="class-blocked-only" />
                불가만 보기
              </label>
            </div>
            {blockedOnly && data.items.length > 0 && data.items.every((i) => i.allowed) ? (
              <p className="empty">사용할 수 없는 학생이 없습니다.</p>
            ) : (
              <div className="eligibility-print">
                <EligibilityTable list={blockedOnly ? { ...data, items: data.items.filter((i) => !i.allowed) } : data} selected={selected} onSelect={setSelected} />
              </div>
            )}
          </>
        )}
      </section>
      <div className="no-print">
        {selected !== null && (
          <StudentRecordsPanel key={selected} studentId={selected} service={service} services={services} onClose={() => setSelected(null)} />
        )}
        <AddStudentForm key={`${choice.grade}/${choice.classNo}`} school={school} grade={choice.grade} classNo={choice.classNo} />
      </div>
    </>
  );
}
