import { useLocation, useNavigate, useSearchParams } from 'react-router';

/** The page number in a list's URL (?page=N), at least 1. */
function pageOf(query: URLSearchParams): number {
  return Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
}

/** A list's URL: the non-empty values as query parameters, page 1 left out. */
export function listUrl(base: string, values: Record<string, string | number>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && !(k === 'page' && v === 1)) search.set(k, String(v));
  const s = search.toString();
  return s ? `${base}?${s}` : base;
}

/** A filter from the URL for an api query: its value (typed as the query takes it), undefined when not set. */
export const filterValue = <T extends string = string>(value: string): T | undefined => (value === '' ? undefined : (value as T));

export interface ListQuery<K extends string> {
  /** Every filter ('' when not set) and the page. */
  filters: Record<K, string> & { page: number };
  /** The current URL: loads keyed on it rerun when a filter or the page changes. */
  href: string;
  /** Changes some filters and goes back to page 1. */
  apply: (changes: Partial<Record<K, string>>) => void;
  goToPage: (page: number) => void;
  /** All filters off. */
  reset: () => void;
}

/** A list page whose filters and page number live in its URL (`base`), so they survive reloads and links. */
export function useListQuery<K extends string>(base: string, keys: readonly K[]): ListQuery<K> {
  const { pathname, search } = useLocation();
  const [query] = useSearchParams();
  const navigate = useNavigate();
  const href = pathname + search;
  const values = Object.fromEntries(keys.map((k) => [k, query.get(k) ?? ''])) as Record<K, string>;
  const filters = { ...values, page: pageOf(query) };
  // The list's address as it is already: no new history entry, no reload.
  const open = (to: string) => {
    if (to !== href) void navigate(to);
  };
  return {
    filters,
    href,
    apply: (changes) => open(listUrl(base, { ...filters, ...changes, page: 1 })),
    goToPage: (page) => open(listUrl(base, { ...filters, page })),
    reset: () => open(base),
  };
}
