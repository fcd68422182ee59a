import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { ClassroomFacts, ClassroomFlags } from '../components/ClassroomFacts';
import { ClassroomForm } from '../components/ClassroomForm';
import { ClubSection } from '../components/ClubSection';
import { EquipmentSection } from '../components/EquipmentSection';
import { ErrorMessage } from '../components/ErrorMessage';
import { HistoryList } from '../components/HistoryList';
import { SchoolDesignations } from '../components/SchoolDesignations';
import { Loading } from '../components/Loading';
import { LEVEL_LABEL } from '../labels';
import { Link } from '../router';
import type { Classroom, ClassroomPatch, Club, EquipmentItem, HistoryEntry, School, User } from '../types';

interface Data {
  school: School;
  /** null when the school has no AI classroom (the API answers 404). */
  classroom: Classroom | null;
  equipment: EquipmentItem[];
  clubs: Club[];
  history: HistoryEntry[];
}

const isAdmin = (user: User) => user.role === 'city_admin' || user.role === 'district_admin';

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
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    loadAll(schoolId).then(
      (d) => live && setData(d),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [schoolId]);

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
    [schoolId],
  );

  if (error) {
    return (
      <div className="page">
        <h1>학교 AI 교실</h1>
        <ErrorMessage error={error} title="학교 정보를 불러오지 못했습니다." />
        <p>
          <Link to="/schools">학교 목록으로 돌아가기</Link>
        </p>
      </div>
    );
  }
  if (!data) return <div className="page"><Loading /></div>;

  const { school, classroom } = data;
  const editable = canEditSchool(user, school.id);

  return (
    <div className="page">
      <div className="page-head">
        <p className="breadcrumb">
          <Link to="/schools">학교 목록</Link> <span aria-hidden="true">›</span> {school.name}
        </p>
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
                  onSave={async (patch: ClassroomPatch) => {
                    await api.updateClassroom(school.id, patch);
                    await refresh({});
                  }}
                />
              </details>
            )}
          </section>

          <EquipmentSection
            items={data.equipment}
            canEdit={editable}
            onAdd={async (values) => {
              await api.addEquipment(school.id, values);
              await refresh({ equipment: true });
            }}
            onUpdate={async (id, values) => {
              await api.updateEquipment(school.id, id, values);
              await refresh({ equipment: true });
            }}
            onDelete={async (id) => {
              await api.deleteEquipment(school.id, id);
              await refresh({ equipment: true });
            }}
          />

          <ClubSection
            clubs={data.clubs}
            canEdit={editable}
            onAdd={async (input) => {
              await api.addClub(school.id, input);
              await refresh({ clubs: true });
            }}
            onDelete={async (id) => {
              await api.deleteClub(school.id, id);
              await refresh({ clubs: true });
            }}
          />

          <HistoryList entries={data.history} />
        </>
      )}
    </div>
  );
}
