import { useQuery } from '@tanstack/react-query';
import { designationUrls } from '../../api';
import type { DesignationFilters, User } from '../../api/models';
import { currentSchoolYear } from '../../components/ClubSection';
import { DataTable } from '../../components/DataTable';
import { DesignationStatusBadge } from '../../components/DesignationBadges';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { ResultsPanel } from '../../components/ResultsPanel';
import { DESIGNATION_STATUS_LABEL, formatTerm, LEVEL_LABEL, officeOptions, schoolYearOptions } from '../../labels';
import { useListQuery } from '../../listQuery';
import { isAdmin } from '../../roles';
import { Link } from 'react-router';
import { designationsQuery, officesQuery, typesQuery } from './queries';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['type', 'level', 'districtOffice', 'schoolYear', 'status'] as const;

/** Designations in the viewer's scope, with filters and (administrators) the XLSX export. */
export function DesignationListPage({ user }: { user: User }) {
  const { filters, apply, goToPage, reset } = useListQuery('/designations', FILTER_KEYS);
  const { data: types } = useQuery(typesQuery);
  const { data: offices } = useQuery(officesQuery);
  // The URL's filters as the api takes them (it checks the values; blanks are left out).
  const query: DesignationFilters = {
    type: filters.type || undefined,
    level: (filters.level || undefined) as DesignationFilters['level'],
    districtOffice: (filters.districtOffice || undefined) as DesignationFilters['districtOffice'],
    schoolYear: filters.schoolYear ? Number(filters.schoolYear) : undefined,
    status: (filters.status || 'active') as DesignationFilters['status'],
    page: filters.page,
    pageSize: PAGE_SIZE,
  };
  const { data: result, error, isFetching: loading } = useQuery(designationsQuery(query));

  const year = currentSchoolYear();
  const years = Array.from({ length: 6 }, (_, i) => String(year + 1 - i));
  const chosenType = types?.find((t) => t.code === filters.type);

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

      <FilterBar label="지정 학교 검색" onReset={reset}>
        <SelectField
          id="d-filter-type"
          label="지정 유형"
          options={{ ...ANY, ...Object.fromEntries((types ?? []).map((t) => [t.code, t.name])) }}
          value={filters.type}
          onChange={(type) => apply({ type })}
        />
        <SelectField id="d-filter-level" label="학교급" options={{ ...ANY, ...LEVEL_LABEL }} value={filters.level} onChange={(level) => apply({ level })} />
        <SelectField
          id="d-filter-office"
          label="교육지원청"
          options={{ ...ANY, ...officeOptions(offices ?? []) }}
          value={filters.districtOffice}
          onChange={(districtOffice) => apply({ districtOffice })}
        />
        <SelectField
          id="d-filter-year"
          label="학년도"
          options={{ ...ANY, ...schoolYearOptions(years) }}
          value={filters.schoolYear ? `y${filters.schoolYear}` : ''}
          onChange={(v) => apply({ schoolYear: v.slice(1) })}
        />
        <SelectField
          id="d-filter-status"
          label="상태"
          options={{ active: DESIGNATION_STATUS_LABEL.active, ended: DESIGNATION_STATUS_LABEL.ended, revoked: DESIGNATION_STATUS_LABEL.revoked, all: '전체' }}
          value={filters.status || 'active'}
          onChange={(status) => apply({ status: status === 'active' ? '' : status })}
        />
      </FilterBar>

      <ErrorMessage error={error} title="지정 학교 목록을 불러오지 못했습니다." />
      <ResultsPanel
        headingId="designation-results"
        title="지정 목록"
        result={result ?? null}
        loading={loading}
        unit="건"
        totalTestId="designation-total"
        empty="조건에 맞는 지정 학교가 없습니다."
        onPage={goToPage}
        table={(result) => (
          <DataTable
            testId="designation-table"
            caption={`지정 학교 목록 (${result.page}쪽)`}
            columns={['학교명', '학교급', '자치구', '교육지원청', '지정 유형', '지정 기간', '상태']}
          >
            {result.items.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <Link to={`/schools/${d.schoolId}`}>{d.schoolName}</Link>
                </th>
                <td>{LEVEL_LABEL[d.schoolLevel] ?? d.schoolLevel}</td>
                <td>{d.district}</td>
                <td>{d.districtOfficeName}</td>
                <td>
                  <Link to={`/designations/${d.id}`} aria-label={`${d.schoolName} ${d.typeName} 지정 상세`}>
                    {d.typeName}
                  </Link>
                </td>
                <td className="small">{formatTerm(d.termStart, d.termEnd)}</td>
                <td>
                  <DesignationStatusBadge status={d.status} />
                  {d.revokeReason && <span className="muted small"> {d.revokeReason}</span>}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      />
    </div>
  );
}
