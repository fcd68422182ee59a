import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { accountUrls } from '../../api';
import type { AccountFilters } from '../../api/accounts';
import type { Account, DistrictOffice, User } from '../../api/models';
import { DataTable } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, InputField, SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { ResultsPanel } from '../../components/ResultsPanel';
import { useDistrictOffices, useSchoolName } from '../../coreQueries';
import { formatSeoulMinute, officeOptions, ROLE_LABEL } from '../../labels';
import { filterValue, useListQuery, type ListQuery } from '../../listQuery';
import { isAdmin, isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { usersQuery } from './accountQueries';
import { ACCOUNT_STATUS_LABEL, accountPaths, accountPlace, assignableRoles, roleOptions } from './accountLabels';
import { SchoolPicker } from './SchoolPicker';
import { UsersLayout } from './UsersLayout';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['q', 'role', 'districtOffice', 'schoolId', 'status', 'pending'] as const;
const PENDING_OPTIONS = { ...ANY, true: '활성화 대기', false: '활성화 완료' };

/** The URL's filters as GET /users (and its XLSX) takes them. */
function accountFilters({ page, ...f }: ListQuery<(typeof FILTER_KEYS)[number]>['filters']): AccountFilters {
  return {
    q: filterValue(f.q),
    role: filterValue(f.role),
    districtOffice: filterValue(f.districtOffice),
    schoolId: f.schoolId ? Number(f.schoolId) : undefined,
    status: filterValue(f.status),
    pending: filterValue(f.pending),
    page,
  };
}

/**
 * 사용자 관리: the accounts the manager looks after, filtered (역할, 교육지원청, 학교, 상태, 활성화, 검색어)
 * and paged, with the XLSX of the filtered list and the printable activation links. A principal's
 * list is their school's teachers.
 */
export function UserListPage({ user }: { user: User }) {
  const { filters, href, apply, goToPage, reset } = useListQuery(accountPaths.list, FILTER_KEYS);
  const [q, setQ] = useState(filters.q);
  const query = accountFilters(filters);
  const list = useQuery({ ...usersQuery({ ...query, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const { offices, error: officesError } = useDistrictOffices();
  const schoolId = query.schoolId ?? null;
  const schoolName = useSchoolName(schoolId);
  const roles = assignableRoles(user);

  useEffect(() => setQ(filters.q), [href]);

  const linksSchool = user.role === 'principal' ? user.schoolId : schoolId;

  return (
    <UsersLayout
      user={user}
      title="사용자 목록"
      actions={
        <div className="row-actions">
          <DownloadButton url={accountUrls.usersXlsx(query)} label="XLSX 내려받기" filename="사용자_목록.xlsx" testId="users-xlsx" />
          <Link to={accountPaths.linksOf({ schoolId: linksSchool })} className="button button-secondary" data-testid="print-links">
            활성화 링크 인쇄
          </Link>
          <Link to={accountPaths.create} className="button button-primary" data-testid="new-user">
            새 사용자
          </Link>
        </div>
      }
    >
      <FilterBar label="사용자 검색" className="panel filters user-filters" onSearch={() => apply({ q: q.trim() })} onReset={reset}>
        <InputField id="users-q" label="검색어" wide type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="이름, 이메일 또는 교원번호 일부" />
        {roles.length > 1 && <SelectField id="users-role" label="역할" options={{ ...ANY, ...roleOptions(roles) }} value={filters.role} onChange={(role) => apply({ role })} />}
        {isCityAdmin(user) && (
          <SelectField
            id="users-office"
            label="교육지원청"
            options={{ ...ANY, ...officeOptions(offices) }}
            value={filters.districtOffice}
            onChange={(districtOffice) => apply({ districtOffice })}
          />
        )}
        <SelectField id="users-status" label="상태" options={{ ...ANY, ...ACCOUNT_STATUS_LABEL }} value={filters.status} onChange={(status) => apply({ status })} />
        <SelectField id="users-pending" label="활성화" options={PENDING_OPTIONS} value={filters.pending} onChange={(pending) => apply({ pending })} />
        {isAdmin(user) && (
          <SchoolPicker
            id="users-school"
            label="학교"
            school={schoolId ? { id: schoolId, name: schoolName ?? '불러오는 중…' } : null}
            onChange={(s) => apply({ schoolId: s ? String(s.id) : '' })}
          />
        )}
      </FilterBar>

      <ErrorMessage error={list.error ?? officesError} title="사용자 목록을 불러오지 못했습니다." />

      <ResultsPanel
        headingId="users-heading"
        title="사용자"
        result={list.data}
        loading={list.isFetching}
        unit="명"
        totalTestId="user-total"
        empty="조건에 맞는 사용자가 없습니다."
        onPage={goToPage}
        table={(result) => (
          <DataTable testId="user-table" caption={`사용자 목록 (${result.page}쪽)`} columns={['이름', '이메일', '역할', '학교/교육지원청', '교원번호', '상태', '활성화', '마지막 로그인']}>
            {result.items.map((a) => (
              <UserRow key={a.id} account={a} offices={offices} />
            ))}
          </DataTable>
        )}
      />
    </UsersLayout>
  );
}

function UserRow({ account: a, offices }: { account: Account; offices: DistrictOffice[] }) {
  return (
    <tr className={a.status === 'disabled' ? 'is-disabled' : undefined} data-testid="user-row">
      <th scope="row">
        <Link to={accountPaths.user(a.id)}>{a.name || a.email}</Link>
      </th>
      <td className="cell-email">{a.email}</td>
      <td>{ROLE_LABEL[a.role] ?? a.role}</td>
      <td>{accountPlace(a, offices)}</td>
      <td>{a.teacherNumber ?? '-'}</td>
      <td>
        <span className={a.status === 'active' ? 'badge badge-ok' : 'badge badge-danger'} data-testid="user-status">
          {ACCOUNT_STATUS_LABEL[a.status]}
        </span>
      </td>
      <td>
        {a.activated ? (
          a.mustChangePassword ? (
            <span className="badge badge-warning">임시 비밀번호</span>
          ) : (
            <span className="badge">완료</span>
          )
        ) : (
          <span className="badge badge-warning">대기</span>
        )}
      </td>
      <td>{formatSeoulMinute(a.lastLoginAt, '없음')}</td>
    </tr>
  );
}
