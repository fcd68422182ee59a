interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** 이전 / page numbers / 다음, showing at most seven numbers around the current page. */
export function Pagination({ page, pageSize, total, onPage }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const start = Math.max(1, Math.min(page - 3, pages - 6));
  const numbers = Array.from({ length: Math.min(7, pages) }, (_, i) => start + i);
  return (
    <nav className="pagination" aria-label="페이지 이동">
      <button type="button" className="button button-ghost" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        이전
      </button>
      {numbers.map((n) => (
        <button
          key={n}
          type="button"
          className={`button page-number${n === page ? ' is-current' : ''}`}
          aria-current={n === page ? 'page' : undefined}
          onClick={() => onPage(n)}
        >
          {n}
          <span className="sr-only">쪽</span>
        </button>
      ))}
      <button type="button" className="button button-ghost" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        다음
      </button>
      <span className="muted pagination-summary">
        {page} / {pages}쪽
      </span>
    </nav>
  );
}
