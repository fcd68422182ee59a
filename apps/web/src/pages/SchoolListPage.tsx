import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { coreUrls, type SchoolFilters } from '../api';
import { DataTable } from '../components/DataTable';
import { DownloadButton } from '../components/DownloadButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { ANY, InputField, SelectField } from '../components/fields';
import { FilterBar } from '../components/FilterBar';
import { ResultsPanel } from '../components/ResultsPanel';
import { schoolsQuery, useDistrictOffices } from '../coreQueries';
import { LEVEL_LABEL, officeOptions } from '../labels';
import { filterValue, useListQuery, type ListQuery } from '../listQuery';
import { Link } from 'react-router';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['q', 'level', 'districtOffice', 'district', 'hasAiClassroom'] as const;

/** The URL's filters as GET /schools takes them. */
function schoolFilters(f: ListQuery<(typeof FILTER_KEYS)[number]>['filters']): SchoolFilters {
  return {
    q: filterValue(f.q),
    level: filterValue(f.level),
    districtOffice: filterValue(f.districtOffice),
    district: filterValue(f.district),
    hasAiClassroom: f.hasAiClassroom ? f.hasAiClassroom === 'true' : undefined,
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}

export function SchoolListPage() {
  const { filters, href, apply, goToPage, reset } = useListQuery('/schools', FILTER_KEYS);
  const { offices, error: officesError } = useDistrictOffices();
  const [q, setQ] = useState(filters.q);
  // Loads again whenever the URL (the filters) changes, keeping the last page shown until the next arrives.
  const { data: result, error, isFetching } = useQuery({ ...schoolsQuery(schoolFilters(filters)), placeholderData: keepPreviousData });

  // The search box follows the URL.
  useEffect(() => setQ(filters.q), [href]);

  const office = offices.find((o) => o.code === filters.districtOffice);
  const districts = (office ? office.districts : offices.flatMap((o) => o.districts)).slice().sort((a, b) => a.localeCompare(b, 'ko'));

  return (
    <div className="page">
      <div className="page-head page-head-actions">
        <div>
          <h1>학교 목록</h1>
          <p className="muted">학교를 찾아 AI 교실 현황을 확인하세요. 조회 권한이 있는 학교만 표시됩니다.</p>
        </div>
        {/* Every school matching the current filters, not only this page. */}
        <DownloadButton url={coreUrls.schoolsXlsx(schoolFilters(filters))} label="XLSX 내려받기" filename="학교_목록.xlsx" testId="schools-xlsx" />
      </div>

      <FilterBar label="학교 검색" onSearch={() => apply({ q: q.trim() })} onReset={reset}>
        <InputField id="filter-q" label="검색어" wide type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="학교명 일부 (예: 개포)" />
        <SelectField id="filter-level" label="학교급" options={{ ...ANY, ...LEVEL_LABEL }} value={filters.level} onChange={(level) => apply({ level })} />
        <SelectField
          id="filter-office"
          label="교육지원청"
          options={{ ...ANY, ...officeOptions(offices) }}
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
      </FilterBar>

      <ErrorMessage error={error ?? officesError} title="학교 목록을 불러오지 못했습니다." />

      <ResultsPanel
        headingId="results-heading"
        title="검색 결과"
        result={result}
        loading={isFetching}
        unit="개교"
        totalTestId="school-total"
        empty="조건에 맞는 학교가 없습니다."
        onPage={goToPage}
        table={(result) => (
          <DataTable testId="school-table" caption={`학교 목록 (${result.page}쪽)`} columns={['학교명', '학교급', '자치구', '교육지원청', 'AI 교실']}>
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
          </DataTable>
        )}
      />
    </div>
  );
}
