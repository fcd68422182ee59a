import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { School, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LEVEL_LABEL } from '../../labels';
import { isAdmin } from '../../roles';

interface Props {
  user: User;
  /** The chosen school, once loaded. */
  school: School | null;
  onChoose: (schoolId: number) => void;
}

/**
 * 학교: school staff work on their own school (shown, not chosen); administrators find a school in
 * their scope by name and choose it.
 */
export function SchoolChooser({ user, school, onChoose }: Props) {
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const results = useQuery({ queryKey: ['schools', 'search', searched], queryFn: () => api.schools({ q: searched!, pageSize: 10 }), enabled: searched !== null });
  const found = results.data?.items;
  const busy = results.isFetching;
  const chosen = school ? `${school.name} (${LEVEL_LABEL[school.level]})` : null;

  if (!isAdmin(user)) {
    return (
      <p className="consent-school" data-testid="consent-school">
        <span className="muted">학교</span> <strong>{chosen ?? '불러오는 중…'}</strong>
      </p>
    );
  }

  const search = (event: FormEvent) => {
    event.preventDefault();
    setSearched(q.trim());
  };
  return (
    <div className="subform consent-school-chooser">
      <p className="subform-title" data-testid="consent-school">
        학교: <strong>{chosen ?? '고르지 않음'}</strong>
      </p>
      <form className="inline-search" role="search" aria-label="학교 찾기" onSubmit={search}>
        <label htmlFor="consent-school-q" className="sr-only">
          학교 이름 검색
        </label>
        <input id="consent-school-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="학교 이름 (예: 개포중)" />
        <button type="submit" className="button button-secondary" disabled={busy || !q.trim()}>
          {busy ? '찾는 중…' : '학교 찾기'}
        </button>
      </form>
      <ErrorMessage error={results.error} title="학교를 찾지 못했습니다." />
      {found && found.length === 0 && <p className="muted small">찾는 학교가 없습니다.</p>}
      {found && found.length > 0 && (
        <ul className="link-list">
          {found.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setSearched(null);
                  onChoose(s.id);
                }}
              >
                {s.name}
              </button>{' '}
              <span className="muted small">
                ({s.district} · {LEVEL_LABEL[s.level]})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
