import { useState, type FormEvent } from 'react';
import { confirmThenRun } from '../confirm';
import type { Club, ClubInput } from '../api/models';
import { useAction } from '../useAction';
import { ErrorMessage } from './ErrorMessage';
import { InputField, SubmitButton } from './fields';

/** The Korean school year starts on 1 March. */
export function currentSchoolYear(now = new Date()): number {
  return now.getMonth() >= 2 ? now.getFullYear() : now.getFullYear() - 1;
}

interface Props {
  clubs: Club[];
  canEdit: boolean;
  onAdd: (input: ClubInput) => Promise<void>;
  onDelete: (id: number) => Promise<void>;
}

export function ClubSection({ clubs, canEdit, onAdd, onDelete }: Props) {
  const [schoolYear, setSchoolYear] = useState(String(currentSchoolYear()));
  const [name, setName] = useState('');
  const [members, setMembers] = useState('');
  const { busy: saving, error, setError, run } = useAction();
  const sorted = [...clubs].sort((a, b) => b.schoolYear - a.schoolYear || a.name.localeCompare(b.name, 'ko'));

  async function add(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await onAdd({ schoolYear: Number(schoolYear), name: name.trim(), members: Number(members) });
      setName('');
      setMembers('');
    });
  }

  const remove = (club: Club) => confirmThenRun(`${club.schoolYear}학년도 ‘${club.name}’ 동아리를 삭제할까요?`, () => onDelete(club.id), setError);

  return (
    <section className="panel" aria-labelledby="clubs-heading">
      <h2 id="clubs-heading">AI 동아리</h2>
      {sorted.length === 0 ? (
        <p className="empty">등록된 AI 동아리가 없습니다.</p>
      ) : (
        <ul className="club-list" data-testid="club-list">
          {sorted.map((club) => (
            <li key={club.id}>
              <span className="club-year">{club.schoolYear}학년도</span>
              <span className="club-name">{club.name}</span>
              <span className="muted">{club.members}명</span>
              {canEdit && (
                <button type="button" className="button button-small button-danger" aria-label={`${club.name} 동아리 삭제`} onClick={() => void remove(club)}>
                  삭제
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={error} title="동아리 정보를 저장하지 못했습니다." />
      {canEdit && (
        <form className="inline-form" aria-label="AI 동아리 추가" onSubmit={add}>
          <InputField id="club-year" label="학년도" type="number" required min={2000} max={2100} value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)} />
          <InputField id="club-name" label="동아리 이름" wide required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <InputField id="club-members" label="인원(명)" type="number" required min={0} max={2000} value={members} onChange={(e) => setMembers(e.target.value)} />
          <div className="field field-actions">
            <SubmitButton busy={saving} busyLabel="추가 중…" className="button button-secondary">
              동아리 추가
            </SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}
