import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LEVEL_LABEL } from '../../labels';
import type { School } from '../../api/models';
import { useAction } from '../../useAction';

interface Props {
  /** The search input's id; the label points at it. */
  id: string;
  label: string;
  /** The chosen school, or null. */
  school: Pick<School, 'id' | 'name'> | null;
  onChange: (school: Pick<School, 'id' | 'name'> | null) => void;
  hint?: ReactNode;
  error?: ReactNode;
  wide?: boolean;
}

/**
 * A school for administrators to choose: the chosen one (with 선택 해제), a name search among the
 * schools they may see (찾기, or Enter) and the matches as buttons. It is not a form of its own, so
 * it sits inside filter bars and forms.
 */
export function SchoolPicker({ id, label, school, onChange, hint, error, wide = true }: Props) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<School[] | null>(null);
  const { busy, error: searchError, run } = useAction();

  const search = () => {
    if (!q.trim()) return;
    void run(async () => setFound((await api.schools({ q: q.trim(), pageSize: 10 })).items));
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter searches schools instead of sending the surrounding form.
    if (event.key === 'Enter') {
      event.preventDefault();
      search();
    }
  };
  const choose = (s: Pick<School, 'id' | 'name'> | null) => {
    setFound(null);
    setQ('');
    onChange(s);
  };
  const describedBy = [`${id}-chosen`, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <div className={wide ? 'field field-wide school-picker' : 'field school-picker'}>
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-chosen`} className="school-chosen" data-testid={`${id}-chosen`}>
        {school ? (
          <>
            <span className="sr-only">선택한 학교: </span>
            <strong>{school.name}</strong>{' '}
            <button type="button" className="button button-small button-ghost" onClick={() => choose(null)} aria-label={`${school.name} 선택 해제`}>
              선택 해제
            </button>
          </>
        ) : (
          <span className="muted small">고른 학교 없음</span>
        )}
      </p>
      <div className="school-search">
        <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={onKey} placeholder="학교 이름 일부 (예: 개포)" aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
        <button type="button" className="button button-secondary" onClick={search} disabled={busy || !q.trim()}>
          {busy ? '찾는 중…' : '찾기'}
        </button>
      </div>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" data-testid={`${id}-error`}>
          {error}
        </span>
      )}
      <ErrorMessage error={searchError} title="학교를 찾지 못했습니다." />
      {found && (
        <div role="status" className="school-results">
          {found.length === 0 ? (
            <p className="muted small">찾는 학교가 없습니다.</p>
          ) : (
            <ul className="link-list" aria-label={`${label} 검색 결과`}>
              {found.map((s) => (
                <li key={s.id}>
                  <button type="button" className="link-button" onClick={() => choose(s)}>
                    {s.name}
                  </button>{' '}
                  <span className="muted small">
                    ({s.district} · {LEVEL_LABEL[s.level] ?? s.level})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
