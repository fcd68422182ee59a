import type { ReactNode } from 'react';
import type { Page } from '../api/models';
import { Loading } from './Loading';
import { Pagination } from './Pagination';

interface ListStatesProps<T> {
  /** null until the first answer. */
  items: T[] | null | undefined;
  loading: boolean;
  /** Shown (as `.empty`) when the answer has no items. */
  empty: ReactNode;
  /** What a non-empty answer shows. */
  children: (items: T[]) => ReactNode;
}

/** 불러오는 중 until the first answer, then the empty note or the items. */
export function ListStates<T>({ items, loading, empty, children }: ListStatesProps<T>) {
  return (
    <>
      {loading && !items && <Loading />}
      {items && items.length === 0 && <p className="empty">{empty}</p>}
      {items && items.length > 0 && children(items)}
    </>
  );
}

interface ResultsPanelProps<T> {
  headingId: string;
  title: ReactNode;
  /** Under the title, which then shares a block with it. */
  intro?: ReactNode;
  /** null or undefined until the first answer. */
  result: Page<T> | null | undefined;
  loading: boolean;
  /** "총 N{unit}" beside the title, once loaded. */
  unit: string;
  totalTestId: string;
  empty: ReactNode;
  onPage: (page: number) => void;
  /** Between the head and the results, e.g. a search form or an error. */
  children?: ReactNode;
  /** The table of a non-empty page. */
  table: (result: Page<T>) => ReactNode;
}

/** A panel with one page of a paged list: the title and total, the rows and the page links. */
export function ResultsPanel<T>({ headingId, title, intro, result, loading, unit, totalTestId, empty, onPage, children, table }: ResultsPanelProps<T>) {
  const heading = <h2 id={headingId}>{title}</h2>;
  return (
    <section className="panel" aria-labelledby={headingId} aria-busy={loading}>
      <div className="panel-head">
        {intro ? (
          <div>
            {heading}
            {intro}
          </div>
        ) : (
          heading
        )}
        {result && (
          <p className="muted" data-testid={totalTestId}>
            총 {result.total.toLocaleString('ko-KR')}
            {unit}
          </p>
        )}
      </div>
      {children}
      <ListStates items={result?.items} loading={loading} empty={empty}>
        {() => table(result!)}
      </ListStates>
      {result && <Pagination page={result.page} pageSize={result.pageSize} total={result.total} onPage={onPage} />}
    </section>
  );
}
