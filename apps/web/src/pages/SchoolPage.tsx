import { useCallback } from 'react';
import { api, ApiError } from '../api';
import { Breadcrumb } from '../components/Breadcrumb';
import { ClassroomFacts, ClassroomFlags } from '../components/ClassroomFacts';
import { ClassroomForm } from '../components/ClassroomForm';
import { ClubSection } from '../components/ClubSection';
import { EquipmentSection } from '../components/EquipmentSection';
import { HistoryList } from '../components/HistoryList';
import { PageFallback } from '../components/PageFallback';
import { SchoolDesignations } from '../components/SchoolDesignations';
import { LEVEL_LABEL } from '../labels';
import { isAdmin } from '../roles';
import { Link } from '../router';
import type { Classroom, Club, EquipmentItem, HistoryEntry, School, User } from '../types';
import { useAsync } from '../useAsync';

interface Data {
  school: School;
  /** null when the school has no AI classroom (the API answers 404). */
  classroom: Classroom | null;
  equipment: EquipmentItem[];
  clubs: Club[];
  history: HistoryEntry[];
}

/** Principals edit their own school; administrators edit any school in their scope; teachers only read. */
export function canEditSchool(user: User, schoolId: number): boolean {
  return isAdmin(user) || (user.role === 'principal' && user.schoolId === schoolId);
}

async function loadAll(id: number): Promise<Data> {
  const school = await api.school(id);
  let classroom: Classroom | null;
  try {
    classroom = await api.classroom(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { school, classroom: null, equipment: [], clubs: [], history: [] };
    throw e;
  }
  const [equipment, clubs, history] = await Promise.all([api.equipment(id), api.clubs(id), api.history(id)]);
  return { school, classroom, equipment, clubs, history };
}

export function SchoolPage({ user, schoolId }: { user: User; schoolId: number }) {
  const { data, error, setData } = useAsync(() => loadAll(schoolId), [schoolId]);

  /** After a change: refresh the changed part, the classroom flags and the history. */
  const refresh = useCallback(
    async (parts: { equipment?: boolean; clubs?: boolean }) => {
      const [classroom, history, equipment, clubs] = await Promise.all([
        api.classroom(schoolId),
        api.history(schoolId),
        parts.equipment ? api.equipment(schoolId) : null,
        parts.clubs ? api.clubs(schoolId) : null,
      ]);
      setData((d) => d && { ...d, classroom, history, equipment: equipment ?? d.equipment, clubs: clubs ?? d.clubs });
    },
    [schoolId, setData],
  );

  if (error || !data) {
    return <PageFallback error={error} heading="학교 AI 교실" errorTitle="학교 정보를 불러오지 못했습니다." back={{ to: '/schools', label: '학교 목록으로 돌아가기' }} />;
  }

  const { school, classroom } = data;
  const editable = canEditSchool(user, school.id);
  /** Runs a change, then refreshes what it changed. */
  const withRefresh =
    <A extends unknown[]>(parts: { equipment?: boolean; clubs?: boolean }, change: (...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      await change(...args);
      await refresh(parts);
    };

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link to="/schools">학교 목록</Link>, school.name]} />
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
                  onSave={withRefresh({}, (patch) => api.updateClassroom(school.id, patch))}
                />
              </details>
            )}
          </section>

          <EquipmentSection
            items={data.equipment}
            canEdit={editable}
            onAdd={withRefresh({ equipment: true }, (values) => api.addEquipment(school.id, values))}
            onUpdate={withRefresh({ equipment: true }, (id, values) => api.updateEquipment(school.id, id, values))}
            onDelete={withRefresh({ equipment: true }, (id) => api.deleteEquipment(school.id, id))}
          />

          <ClubSection
            clubs={data.clubs}
            canEdit={editable}
            onAdd={withRefresh({ clubs: true }, (input) => api.addClub(school.id, input))}
            onDelete={withRefresh({ clubs: true }, (id) => api.deleteClub(school.id, id))}
          />

          <HistoryList entries={data.history} />
        </>
      )}
    </div>
  );
}
