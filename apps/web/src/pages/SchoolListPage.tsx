import { useEffect, useState, type FormEvent } from 'react';
import { api, type SchoolFilters } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { InputField, SelectField } from '../components/fields';
import { Loading } from '../components/Loading';
import { Pagination } from '../components/Pagination';
import { LEVEL_LABEL } from '../labels';
import { Link, navigate, useLocation } from '../router';
import type { DistrictOffice, Page, School } from '../types';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['q', 'level', 'districtOffice', 'district', 'hasAiClassroom'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
/** The first option of every filter: no filtering. */
const ANY = { '': '전체' };

function readFilters(query: URLSearchParams): Record<FilterKey, string> & { page: number } {
  const values = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Record<FilterKey, string>;
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  return { ...values, page };
}

function toSearch(values: Record<string, string | number>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && !(k === 'page' && v === 1)) search.set(k, String(v));
  const s = search.toString();
  return s ? `/schools?${s}` : '/schools';
}

export function SchoolListPage() {
  const { query, href } = useLocation();
  const filters = readFilters(query);
  const [offices, setOffices] = useState<DistrictOffice[]>([]);
  const [result, setResult] = useState<Page<School> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [q, setQ] = useState(filters.q);

  useEffect(() => {
    api.districtOffices().then(setOffices, setError);
  }, []);

  // Reload whenever the URL (the filters) changes.
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    setQ(filters.q);
    const request: SchoolFilters = { ...filters, pageSize: PAGE_SIZE };
    api.schools(request).then(
      (page) => {
        if (!live) return;
        setResult(page);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [href]);

  const apply = (changes: Partial<Record<FilterKey, string>>) => navigate(toSearch({ ...filters, ...changes, page: 1 }));

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: q.trim() });
  };

  const office = offices.find((o) => o.code === filters.districtOffice);
  const districts = (office ? office.districts : offices.flatMap((o) => o.districts)).slice().sort((a, b) => a.localeCompare(b, 'ko'));

  return (
    <div className="page">
      <div className="page-head">
        <h1>학교 목록</h1>
        <p className="muted">학교를 찾아 AI 교실 현황을 확인하세요. 조회 권한이 있는 학교만 표시됩니다.</p>
      </div>

      <form className="panel filters" role="search" aria-label="학교 검색" onSubmit={onSearch}>
        <InputField id="filter-q" label="검색어" wide type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="학교명 일부 (예: 개포)" />
        <SelectField id="filter-level" label="학교급" options={{ ...ANY, ...LEVEL_LABEL }} value={filters.level} onChange={(level) => apply({ level })} />
        <SelectField
          id="filter-office"
          label="교육지원청"
          options={{ ...ANY, ...Object.fromEntries(offices.map((o) => [o.code, o.name])) }}
          value={filters.districtOffice}
          onChange={(districtOffice) => {
            const next = offices.find((o) => o.code === districtOffice);
            const keepDistrict = !next || next.districts.includes(filters.district);
            apply({ districtOffice, district: keepDistrict ? filters.district : '' });
          }}
        />
        <SelectField
          id="filter-district"
          label="자치구"
          options={{ ...ANY, ...Object.fromEntries(districts.map((d) => [d, d])) }}
          value={filters.district}
          onChange={(district) => apply({ district })}
        />
        <SelectField
          id="filter-ai"
          label="AI 교실 보유"
          options={{ ...ANY, true: '보유', false: '미보유' }}
          value={filters.hasAiClassroom}
          onChange={(hasAiClassroom) => apply({ hasAiClassroom })}
        />
        <div className="field field-actions">
          <button type="submit" className="button button-primary">
            검색
          </button>
          <button type="button" className="button button-ghost" onClick={() => navigate('/schools')}>
            초기화
          </button>
        </div>
      </form>

      <ErrorMessage error={error} title="학교 목록을 불러오지 못했습니다." />

      <section className="panel" aria-labelledby="results-heading" aria-busy={loading}>
        <div className="panel-head">
          <h2 id="results-heading">검색 결과</h2>
          {result && (
            <p className="muted" data-testid="school-total">
              총 {result.total.toLocaleString('ko-KR')}개교
            </p>
          )}
        </div>
        {loading && !result && <Loading />}
        {result && result.items.length === 0 && <p className="empty">조건에 맞는 학교가 없습니다.</p>}
        {result && result.items.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="school-table">
              <caption className="sr-only">학교 목록 ({result.page}쪽)</caption>
              <thead>
                <tr>
                  <th scope="col">학교명</th>
                  <th scope="col">학교급</th>
                  <th scope="col">자치구</th>
                  <th scope="col">교육지원청</th>
                  <th scope="col">AI 교실</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/schools/${s.id}`}>{s.name}</Link>
                    </th>
                    <td>{LEVEL_LABEL[s.level] ?? s.level}</td>
                    <td>{s.district}</td>
                    <td>{s.districtOfficeName}</td>
                    <td>
                      {s.hasAiClassroom ? (
                        <span className="badge badge-ok">보유{s.classroomBuildYear ? ` (${s.classroomBuildYear}년 구축)` : ''}</span>
                      ) : (
                        <span className="badge">미보유</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result && (
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} onPage={(p) => navigate(toSearch({ ...filters, page: p }))} />
        )}
      </section>
    </div>
  );
}
