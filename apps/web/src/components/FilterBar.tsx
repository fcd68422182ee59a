import type { FormEvent, ReactNode } from 'react';

interface Props {
  /** The search landmark's name. */
  label: string;
  className?: string;
  /** With a handler, a 검색 button submits the form; without one, the filters apply as they change. */
  onSearch?: () => void;
  onReset: () => void;
  /** The filter fields. */
  children: ReactNode;
}

/** A list's filter form (a search landmark): the fields, then [검색] and 초기화. */
export function FilterBar({ label, className = 'panel filters', onSearch, onReset, children }: Props) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch?.();
  };
  return (
    <form className={className} role="search" aria-label={label} onSubmit={submit}>
      {children}
      <div className="field field-actions">
        {onSearch && (
          <button type="submit" className="button button-primary">
            검색
          </button>
        )}
        <button type="button" className="button button-ghost" onClick={onReset}>
          초기화
        </button>
      </div>
    </form>
  );
}
