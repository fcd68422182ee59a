import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { User } from '../api/models';
import { Breadcrumb } from '../components/Breadcrumb';
import { ClassroomFacts, ClassroomFlags } from '../components/ClassroomFacts';
import { ClassroomForm } from '../components/ClassroomForm';
import { ClubSection } from '../components/ClubSection';
import { EquipmentSection } from '../components/EquipmentSection';
import { HistoryList } from '../components/HistoryList';
import { PageFallback } from '../components/PageFallback';
import { SchoolDesignations } from '../components/SchoolDesignations';
import { classroomQuery, clubsQuery, coreKeys, equipmentQuery, historyQuery, schoolQuery } from '../coreQueries';
import { LEVEL_LABEL } from '../labels';
import { queryClient } from '../query';
import { isAdmin } from '../roles';
import { Link } from 'react-router';

/** Principals edit their own school; administrators edit any school in their scope; teachers only read. */
export function canEditSchool(user: User, schoolId: number): boolean {
  return isAdmin(user) || (user.role === 'principal' && user.schoolId === schoolId);
}

/** The school, its classroom (null without one) and, with a classroom, its equipment, clubs and history. */
function useSchoolData(schoolId: number) {
  const school = useQuery(schoolQuery(schoolId));
  const classroom = useQuery(classroomQuery(schoolId));
  const hasClassroom = !!classroom.data;
  const equipment = useQuery({ ...equipmentQuery(schoolId), enabled: hasClassroom });
  const clubs = useQuery({ ...clubsQuery(schoolId), enabled: hasClassroom });
  const history = useQuery({ ...historyQuery(schoolId), enabled: hasClassroom });
  const error = school.error ?? classroom.error ?? equipment.error ?? clubs.error ?? history.error;
  if (!school.data || classroom.data === undefined) return { error, data: null };
  if (classroom.data === null) return { error, data: { school: school.data, classroom: null, equipment: [], clubs: [], history: [] } };
  if (!equipment.data || !clubs.data || !history.data) return { error, data: null };
  return { error, data: { school: school.data, classroom: classroom.data, equipment: equipment.data, clubs: clubs.data, history: history.data } };
}

export function SchoolPage({ user, schoolId }: { user: User; schoolId: number }) {
  const { data, error } = useSchoolData(schoolId);

  if (!data) {
    return <PageFallback error={error} heading="학교 AI 교실" errorTitle="학교 정보를 불러오지 못했습니다." back={{ to: '/schools', label: '학교 목록으로 돌아가기' }} />;
  }

  const { school, classroom } = data;
  const editable = canEditSchool(user, school.id);
  /**
   * Runs a change, then refreshes the school's classroom, equipment, clubs and history (the
   * classroom's flags and the history follow every change) and, later, the statistics.
   */
  const withRefresh =
    <A extends unknown[]>(change: (...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      await change(...args);
      void queryClient.invalidateQueries({ queryKey: coreKeys.classroomStats });
      await queryClient.invalidateQueries({ queryKey: coreKeys.school(school.id), predicate: (q) => q.queryKey[2] !== 'detail' });
    };

  return (
    <div className="page">
      <div className="page-head">
        {/* A principal or a teacher has no school list (/schools opens their school). */}
        {isAdmin(user) && <Breadcrumb steps={[<Link to="/schools">학교 목록</Link>, school.name]} />}
        <h1 data-testid="school-name">{school.name}</h1>
        <p className="muted">
          {LEVEL_LABEL[school.level] ?? school.level} · {school.district} · {school.districtOfficeName}
          {school.neisCode && ` · NEIS ${school.neisCode}`}
          {school.roadAddress && ` · ${school.roadAddress}`}
        </p>
      </div>

      <SchoolDesignations designations={school.designations ?? []} user={user} schoolId={school.id} />

      {!classroom ? (
        <section className="panel">
          <h2>AI 교실</h2>
          <p className="empty">이 학교에는 등록된 AI 교실이 없습니다.</p>
        </section>
      ) : (
        <>
          {!editable && (
            <p className="alert alert-info" role="note">
              {user.role === 'teacher' ? '교원 계정은 조회만 할 수 있습니다. 수정이 필요하면 학교장에게 요청하세요.' : '이 학교의 정보는 조회만 할 수 있습니다.'}
            </p>
          )}
          <section className="panel" aria-labelledby="classroom-heading">
            <div className="panel-head">
              <h2 id="classroom-heading">AI 교실 현황</h2>
              <ClassroomFlags classroom={classroom} />
            </div>
            <ClassroomFacts classroom={classroom} />
            {editable && (
              <details className="edit-box" open>
                <summary>교실 정보 수정</summary>
                <ClassroomForm
                  key={classroom.id}
                  classroom={classroom}
                  isAdmin={isAdmin(user)}
                  onSave={withRefresh((patch) => api.updateClassroom(school.id, patch))}
                />
              </details>
            )}
          </section>

          <EquipmentSection
            items={data.equipment}
            canEdit={editable}
            onAdd={withRefresh((values) => api.addEquipment(school.id, values))}
            onUpdate={withRefresh((id, values) => api.updateEquipment(school.id, id, values))}
            onDelete={withRefresh((id) => api.deleteEquipment(school.id, id))}
          />

          <ClubSection
            clubs={data.clubs}
            canEdit={editable}
            onAdd={withRefresh((input) => api.addClub(school.id, input))}
            onDelete={withRefresh((id) => api.deleteClub(school.id, id))}
          />

          <HistoryList entries={data.history} />
        </>
      )}
    </div>
  );
}
