import { useEffect, useState } from 'react';
import { api, designationUrls } from '../../api';
import { DesignationStatusBadge } from '../../components/DesignationBadges';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { currentSchoolYear } from '../../components/ClubSection';
import { DESIGNATION_STATUS_LABEL, formatDate, LEVEL_LABEL } from '../../labels';
import { isAdmin } from '../../roles';
import { Link, navigate, useLocation } from '../../router';
import type { DesignationFilters, DesignationType, DistrictOffice, User } from '../../types';
import { useAsync } from '../../useAsync';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['type', 'level', 'districtOffice', 'schoolYear', 'status'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const ANY = { '': '전체' };

function readFilters(query: URLSearchParams) {
  const values = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Record<FilterKey, string>;
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  return { ...values, page };
}

function toSearch(values: Record<string, string | number>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && !(k === 'page' && v === 1)) search.set(k, String(v));
  const s = search.toString();
  return s ? `/designations?${s}` : '/designations';
}

/** Designations in the viewer's scope, with filters and (administrators) the XLSX export. */
export function DesignationListPage({ user }: { user: User }) {
  const { query, href } = useLocation();
  const filters = readFilters(query);
  const [types, setTypes] = useState<DesignationType[]>([]);
  const [offices, setOffices] = useState<DistrictOffice[]>([]);
  const { data: result, error, loading } = useAsync(
    () => api.designations({ ...filters, status: (filters.status || 'active') as DesignationFilters['status'], pageSize: PAGE_SIZE }),
    [href],
  );

  useEffect(() => {
    api.designationTypes().then(setTypes, () => undefined);
    api.districtOffices().then(setOffices, () => undefined);
  }, []);

  const apply = (changes: Partial<Record<FilterKey, string>>) => navigate(toSearch({ ...filters, ...changes, page: 1 }));
  const year = currentSchoolYear();
  const years = Array.from({ length: 6 }, (_, i) => String(year + 1 - i));
  const chosenType = types.find((t) => t.code === filters.type);

  return (
    <div className="page">
      <div className="page-head page-head-actions">
        <div>
          <h1>지정 학교</h1>
          <p className="muted">
            조례 제5조에 따라 지정된 선도학교·연구학교입니다.{user.role === 'district_admin' ? ' 관할 교육지원청 학교만 표시됩니다.' : ''}{' '}
            <Link to="/designated">공개 지정 현황 보기</Link>
          </p>
        </div>
        {isAdmin(user) && (
          <DownloadButton
            url={designationUrls.exportXlsx(filters.type || undefined)}
            label={chosenType ? `${chosenType.name} XLSX 내보내기` : '지정 학교 XLSX 내보내기'}
            filename="지정학교_현황.xlsx"
            testId="designations-xlsx"
            className="button button-primary"
          />
        )}
      </div>
      {isAdmin(user) && <p className="muted small">XLSX 파일에는 현재 지정 중인 학교가 유형별 시트로 들어갑니다(유형 필터만 반영).</p>}

      <form className="panel filters" role="search" aria-label="지정 학교 검색" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="d-filter-type" label="지정 유형" options={{ ...ANY, ...Object.fromEntries(types.map((t) => [t.code, t.name])) }} value={filters.type} onChange={(type) => apply({ type })} />
        <SelectField id="d-filter-level" label="학교급" options={{ ...ANY, ...LEVEL_LABEL }} value={filters.level} onChange={(level) => apply({ level })} />
        <SelectField
          id="d-filter-office"
          label="교육지원청"
          options={{ ...ANY, ...Object.fromEntries(offices.map((o) => [o.code, o.name])) }}
          value={filters.districtOffice}
          onChange={(districtOffice) => apply({ districtOffice })}
        />
        <SelectField id="d-filter-year" label="학년도" options={{ ...ANY, ...Object.fromEntries(years.map((y) => [`y${y}`, `${y}학년도`])) }} value={filters.schoolYear ? `y${filters.schoolYear}` : ''} onChange={(v) => apply({ schoolYear: v.slice(1) })} />
        <SelectField
          id="d-filter-status"
          label="상태"
          options={{ active: DESIGNATION_STATUS_LABEL.active, ended: DESIGNATION_STATUS_LABEL.ended, revoked: DESIGNATION_STATUS_LABEL.revoked, all: '전체' }}
          value={filters.status || 'active'}
          onChange={(status) => apply({ status: status === 'active' ? '' : status })}
        />
        <div className="field field-actions">
          <button type="button" className="button button-ghost" onClick={() => navigate('/designations')}>
            초기화
          </button>
        </div>
      </form>

      <ErrorMessage error={error} title="지정 학교 목록을 불러오지 못했습니다." />
      <section className="panel" aria-labelledby="designation-results" aria-busy={loading}>
        <div className="panel-head">
          <h2 id="designation-results">지정 목록</h2>
          {result && (
            <p className="muted" data-testid="designation-total">
              총 {result.total.toLocaleString('ko-KR')}건
            </p>
          )}
        </div>
        {loading && !result && <Loading />}
        {result && result.items.length === 0 && <p className="empty">조건에 맞는 지정 학교가 없습니다.</p>}
        {result && result.items.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="designation-table">
              <caption className="sr-only">지정 학교 목록 ({result.page}쪽)</caption>
              <thead>
                <tr>
                  <th scope="col">학교명</th>
                  <th scope="col">학교급</th>
                  <th scope="col">자치구</th>
                  <th scope="col">교육지원청</th>
                  <th scope="col">지정 유형</th>
                  <th scope="col">지정 기간</th>
                  <th scope="col">상태</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/schools/${d.schoolId}`}>{d.schoolName}</Link>
                    </th>
                    <td>{LEVEL_LABEL[d.schoolLevel] ?? d.schoolLevel}</td>
                    <td>{d.district}</td>
                    <td>{d.districtOfficeName}</td>
                    <td>{d.typeName}</td>
                    <td className="small">
                      {formatDate(d.termStart)} ~ {formatDate(d.termEnd)}
                    </td>
                    <td>
                      <DesignationStatusBadge status={d.status} />
                      {d.revokeReason && <span className="muted small"> {d.revokeReason}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result && <Pagination page={result.page} pageSize={result.pageSize} total={result.total} onPage={(p) => navigate(toSearch({ ...filters, page: p }))} />}
      </section>
    </div>
  );
}
