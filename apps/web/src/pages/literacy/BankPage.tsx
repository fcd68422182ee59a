import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { BankItem, LiteracyItemType, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, InputField, SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { listUrl, useListQuery } from '../../listQuery';
import { BankItemPanel } from './BankItemPanel';
import { formatCount, formatSigned, GRADE_OPTIONS, gradeLabel, ITEM_TYPE_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyQueries } from './literacyQueries';
import { FitCell } from './MeasureCells';
import { useAreas } from './useAreas';

const FILTER_KEYS = ['grade', 'area', 'type', 'status', 'q', 'item', 'itemGrade'] as const;
const PAGE_SIZE = 50;
/** The server's largest page: the format and status filters apply to it here. */
const FETCH_LIMIT = 1000;
const STATUS_LABEL = { active: '사용 중', retired: '폐기' } as const;
const ITEM_ID = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

/** The latest administration with a difficulty: what the list shows of an item's statistics. */
const latest = (item: BankItem) => [...item.administrations].reverse().find((a) => a.difficulty !== null) ?? item.administrations.at(-1);

/**
 * 문항 은행 (administrators): every item of a grade once, by grade, area, format and id, with how
 * often it was used and its latest difficulty and fit; an item opens its history across the
 * assessments that used it (city administrators retire it there, or bring it back).
 */
export function BankPage({ user }: { user: User }) {
  const { filters, href, apply, goToPage, reset } = useListQuery(literacyPath.bank, FILTER_KEYS);
  const [typed, setTyped] = useState(filters.q);
  useEffect(() => setTyped(filters.q), [href]);
  const areas = useAreas();
  const areaList = useQuery(literacyQueries.areas()).data ?? [];
  const grade = /^\d{1,2}$/.test(filters.grade) ? Number(filters.grade) : undefined;
  const list = useQuery(literacyQueries.bankItems({ grade, area: filters.area || undefined, q: filters.q.trim() || undefined, limit: FETCH_LIMIT }));
  const type = filters.type as LiteracyItemType | '';
  const matching = (list.data?.items ?? []).filter(
    (i) => (type === '' || i.type === type) && (filters.status === '' || (filters.status === 'retired') === (i.retiredAt !== null)),
  );
  const shown = matching.slice((filters.page - 1) * PAGE_SIZE, filters.page * PAGE_SIZE);
  const itemGrade = /^\d{1,2}$/.test(filters.itemGrade) ? Number(filters.itemGrade) : grade;
  const selected = ITEM_ID.test(filters.item) && itemGrade !== undefined ? { grade: itemGrade, id: filters.item } : null;
  /** This list with the item's history open (the filters and page kept). */
  const itemHref = (item: BankItem) => listUrl(literacyPath.bank, { ...filters, item: item.id, itemGrade: String(item.grade) });
  const cut = list.data && list.data.total > list.data.items.length;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1 data-testid="page-title">문항 은행</h1>
          <p className="muted">
            학년마다 문항 ID가 같으면 같은 문항입니다. 여러 학년도 검사에 쓰인 문항의 난이도·적합도·DIF를 검사별로 모아 보고, 노출되었거나 문제가 있는 문항은 폐기해 새 검사에
            쓰지 않게 합니다.
          </p>
        </div>
      </div>
      <FilterBar label="문항 은행 검색" onSearch={() => apply({ q: typed.trim() })} onReset={reset}>
        <SelectField
          id="bank-grade"
          label="학년"
          options={{ ...ANY, ...GRADE_OPTIONS }}
          value={filters.grade ? `g${filters.grade}` : ''}
          onChange={(g) => apply({ grade: g.replace(/^g/, '') })}
        />
        <SelectField
          id="bank-area"
          label="영역"
          options={{ ...ANY, ...Object.fromEntries(areaList.map((a) => [a.code, a.name])) }}
          value={filters.area}
          onChange={(area) => apply({ area })}
        />
        <SelectField id="bank-type" label="형식" options={{ ...ANY, ...ITEM_TYPE_LABEL }} value={type} onChange={(t) => apply({ type: t })} />
        <SelectField id="bank-status" label="상태" options={{ ...ANY, ...STATUS_LABEL }} value={filters.status as keyof typeof STATUS_LABEL | ''} onChange={(status) => apply({ status })} />
        <InputField id="bank-q" label="문항 ID" value={typed} onChange={(e) => setTyped(e.target.value)} hint="ID의 일부 (예: B00)" spellCheck={false} autoComplete="off" maxLength={40} />
      </FilterBar>

      {selected && <BankItemPanel key={`${selected.grade}/${selected.id}`} user={user} grade={selected.grade} itemId={selected.id} closeHref={listUrl(literacyPath.bank, { ...filters, item: '', itemGrade: '' })} />}

      <section className="panel" aria-labelledby="bank-heading" aria-busy={list.isFetching}>
        <div className="panel-head">
          <h2 id="bank-heading">문항</h2>
          {list.data && (
            <p className="muted" data-testid="bank-total">
              {formatCount(matching.length)}개{cut && ` (조건에 맞는 ${formatCount(list.data.total)}개 중 처음 ${formatCount(list.data.items.length)}개에서)`}
            </p>
          )}
        </div>
        <ErrorMessage error={list.error} title="문항 은행을 불러오지 못했습니다." />
        {list.isPending && <Loading />}
        {list.data && matching.length === 0 && <p className="empty">조건에 맞는 문항이 없습니다. 분석을 마친 검사의 문항이 은행에 들어갑니다.</p>}
        {shown.length > 0 && (
          <DataTable
            testId="bank-items"
            caption="문항 은행 목록"
            columns={['문항', '학년', '영역', '형식', num('만점'), num('사용 검사'), '최근 학년도', num('최근 난이도'), num('Infit'), num('Outfit'), '상태']}
          >
            {shown.map((item) => {
              const last = latest(item);
              const current = selected?.id === item.id && selected.grade === item.grade;
              return (
                <tr key={`${item.grade}/${item.id}`} data-testid={`bank-item-${item.id}`} className={current ? 'is-selected' : item.retiredAt ? 'is-dropped' : undefined}>
                  <th scope="row">
                    <Link to={itemHref(item)} aria-current={current ? 'true' : undefined}>
                      {item.id}
                    </Link>
                  </th>
                  <td>{gradeLabel(item.grade)}</td>
                  <td>{areas.name(item.area)}</td>
                  <td>{ITEM_TYPE_LABEL[item.type]}</td>
                  <td className="num">{item.maxScore}</td>
                  <td className="num" data-testid={`bank-uses-${item.id}`}>
                    {formatCount(item.administrations.length)}회
                  </td>
                  <td>{last ? `${last.schoolYear}학년도` : '-'}</td>
                  <td className="num">{formatSigned(last?.difficulty)}</td>
                  <FitCell value={last?.infit} />
                  <FitCell value={last?.outfit} />
                  <td>{item.retiredAt ? <span className="badge badge-danger">폐기</span> : <span className="badge badge-ok">사용 중</span>}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
        <Pagination page={filters.page} pageSize={PAGE_SIZE} total={matching.length} onPage={goToPage} />
      </section>
    </div>
  );
}
