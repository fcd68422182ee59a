import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import type { Designation } from '../../api/models';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, InputField, SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { Loading } from '../../components/Loading';
import { Segmented } from '../../components/Segmented';
import { formatTerm, LEVEL_LABEL, schoolYearOptions } from '../../labels';

const PAGE_SIZE = 500;

/** Every designation in force (the public endpoint answers 500 a page). */
async function loadAll(): Promise<Designation[]> {
  const items: Designation[] = [];
  for (let page = 1; ; page++) {
    const result = await api.publicDesignations({ page, pageSize: PAGE_SIZE });
    items.push(...result.items);
    if (result.items.length < PAGE_SIZE || items.length >= result.total) return items;
  }
}

/** A designation's term overlaps school year Y (1 March Y – end of February Y+1). */
const inSchoolYear = (d: Designation, year: number) => d.termStart < `${year + 1}-03-01` && d.termEnd >= `${year}-03-01`;

const schoolYearsOf = (d: Designation): number[] => {
  const first = Number(d.termStart.slice(0, 4)) - (d.termStart.slice(5) < '03-01' ? 1 : 0);
  const last = Number(d.termEnd.slice(0, 4)) - (d.termEnd.slice(5) < '03-01' ? 1 : 0);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
};

type GroupBy = 'type' | 'office';
const GROUP_BY: Record<GroupBy, string> = { type: '유형별', office: '교육지원청별' };

/** 지정 학교 현황: public, no login. Schools designated now, grouped by type or by district office. */
export function PublicDesignatedPage({ loggedIn }: { loggedIn: boolean }) {
  const { data, error, isPending: loading } = useQuery({ queryKey: ['designations', 'public'], queryFn: loadAll });
  const [type, setType] = useState('');
  const [level, setLevel] = useState('');
  const [office, setOffice] = useState('');
  const [year, setYear] = useState('');
  const [q, setQ] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('type');

  const all = data ?? [];
  const typeOptions = Object.fromEntries([...new Map(all.map((d) => [d.type, d.typeName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'ko')));
  const officeOptions = Object.fromEntries([...new Map(all.map((d) => [d.districtOffice, d.districtOfficeName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'ko')));
  const years = [...new Set(all.flatMap(schoolYearsOf))].sort((a, b) => b - a);
  const yearOptions = schoolYearOptions(years);

  const shown = all.filter(
    (d) =>
      (!type || d.type === type) &&
      (!level || d.schoolLevel === level) &&
      (!office || d.districtOffice === office) &&
      (!year || inSchoolYear(d, Number(year.slice(1)))) &&
      (!q.trim() || d.schoolName.includes(q.trim())),
  );
  const groups = [...new Map(shown.map((d) => (groupBy === 'type' ? [d.type, d.typeName] : [d.districtOffice, d.districtOfficeName]))).entries()].sort((a, b) =>
    a[1].localeCompare(b[1], 'ko'),
  );
  const schools = new Set(shown.map((d) => d.schoolId)).size;

  return (
    <div className="page">
      <div className="page-head">
        <h1>선도학교·연구학교 지정 현황</h1>
        <p className="muted">
          서울특별시교육청 인공지능 교육 지원 조례 제5조에 따라 지금 지정되어 있는 학교입니다.
          {!loggedIn && ' 로그인하지 않아도 볼 수 있습니다.'}
        </p>
      </div>

      <FilterBar
        label="지정 학교 찾기"
        className="panel filters public-filters"
        onReset={() => {
          setType('');
          setLevel('');
          setOffice('');
          setYear('');
          setQ('');
        }}
      >
        <InputField id="p-filter-q" label="학교명" wide type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="학교명 일부 (예: 개포)" />
        <SelectField id="p-filter-type" label="지정 유형" options={{ ...ANY, ...typeOptions }} value={type} onChange={setType} />
        <SelectField id="p-filter-level" label="학교급" options={{ ...ANY, ...LEVEL_LABEL }} value={level} onChange={setLevel} />
        <SelectField id="p-filter-office" label="교육지원청" options={{ ...ANY, ...officeOptions }} value={office} onChange={setOffice} />
        <SelectField id="p-filter-year" label="학년도" options={{ ...ANY, ...yearOptions }} value={year} onChange={setYear} />
      </FilterBar>

      <ErrorMessage error={error} title="지정 현황을 불러오지 못했습니다." />
      {loading && !data && <Loading />}
      {data && (
        <section className="panel" aria-labelledby="public-summary-heading" data-testid="public-designations">
          <div className="panel-head">
            <div>
              <h2 id="public-summary-heading">지정 학교 {schools.toLocaleString('ko-KR')}개교</h2>
              <p className="muted small" data-testid="public-total">
                지정 {shown.length.toLocaleString('ko-KR')}건{shown.length !== all.length ? ` (전체 ${all.length.toLocaleString('ko-KR')}건 중)` : ''}
              </p>
            </div>
            <Segmented label="묶어 보기" options={GROUP_BY} value={groupBy} onChange={setGroupBy} />
          </div>
          {shown.length === 0 && <p className="empty">{all.length === 0 ? '지금 지정된 학교가 없습니다.' : '조건에 맞는 지정 학교가 없습니다.'}</p>}
          {groups.map(([key, name]) => {
            const list = shown.filter((d) => (groupBy === 'type' ? d.type : d.districtOffice) === key);
            return (
              <section key={key} className="designation-group" aria-labelledby={`group-${key}`} data-testid={`public-group-${key}`}>
                <h3 id={`group-${key}`}>
                  {name} <span className="muted small">{list.length}개교</span>
                </h3>
                <DataTable caption={`${name} 지정 학교`} columns={['학교명', '학교급', '자치구', groupBy === 'type' ? '교육지원청' : '지정 유형', '지정 기간']}>
                  {list.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{d.schoolName}</th>
                      <td>{LEVEL_LABEL[d.schoolLevel] ?? d.schoolLevel}</td>
                      <td>{d.district}</td>
                      <td>{groupBy === 'type' ? d.districtOfficeName : d.typeName}</td>
                      <td className="small">{formatTerm(d.termStart, d.termEnd)}</td>
                    </tr>
                  ))}
                </DataTable>
              </section>
            );
          })}
        </section>
      )}
    </div>
  );
}
