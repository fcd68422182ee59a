import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DestructionRegisterEntry } from '../../api/models/privacyOffice';
import { privacyOfficeUrls as privacyUrls } from '../../api/privacyOffice';
import { DataTable, num } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { formatDate, formatSeoulLongDate, formatSeoulMinute } from '../../labels';
import { categoryLabel, count, methodLabel } from './privacyLabels';
import { privacyQueries } from './privacyQueries';

const PAGE_SIZE = 20;

/** 개인정보 파기 대장 (개인정보 보호법 시행령 제16조): every destruction, newest first, with its XLSX. */
export function DestructionRegister() {
  const [page, setPage] = useState(1);
  const register = useQuery(privacyQueries.register({ page, pageSize: PAGE_SIZE }));
  return (
    <section className="panel" aria-labelledby="register-heading" aria-busy={register.isFetching}>
      <div className="panel-head">
        <div>
          <h2 id="register-heading">개인정보 파기 대장</h2>
          {register.data && (
            <p className="muted small" data-testid="register-total">
              {count(register.data.total)}건
            </p>
          )}
        </div>
        <DownloadButton url={privacyUrls.registerXlsx()} label="XLSX 내려받기" filename="개인정보_파기_대장.xlsx" testId="register-xlsx" />
      </div>
      <ErrorMessage error={register.error} title="파기 대장을 불러오지 못했습니다." />
      {register.isPending && <Loading />}
      {register.data && register.data.items.length === 0 && <p className="empty">파기 기록이 없습니다.</p>}
      {register.data && register.data.items.length > 0 && (
        <DataTable
          testId="register-table"
          caption="개인정보 파기 대장"
          className="table register-table"
          columns={['파기 일시', '분류', '파기 방법', num('파기 건수'), num('법적 보존'), '대상 기간', '승인', '실행']}
        >
          {register.data.items.map((e) => (
            <RegisterRow key={e.id} entry={e} />
          ))}
        </DataTable>
      )}
      {register.data && <Pagination page={page} pageSize={PAGE_SIZE} total={register.data.total} onPage={setPage} />}
    </section>
  );
}

function RegisterRow({ entry: e }: { entry: DestructionRegisterEntry }) {
  return (
    <tr data-testid={`register-${e.category}`}>
      <td className="nowrap">{formatSeoulMinute(e.executedAt)}</td>
      <th scope="row">
        {categoryLabel(e.category)}
        {e.requestId !== null && <span className="small muted block">정보주체 삭제 요청 #{e.requestId}</span>}
        <details className="register-rule">
          <summary>적용한 규칙</summary>
          <p className="small">{e.ruleText}</p>
        </details>
      </th>
      <td className="nowrap">{methodLabel(e.method)}</td>
      <td className="num" data-testid="register-count">
        {count(e.recordCount)}
      </td>
      <td className="num">{count(e.heldCount)}</td>
      <td className="small">
        {e.periodFrom ? `${formatSeoulLongDate(e.periodFrom)} ~ ${formatSeoulLongDate(e.periodTo)}` : '-'}
        <span className="muted block">기준일 {formatDate(e.cutoff)}</span>
      </td>
      <td>
        {e.approvedByName ?? '-'}
        {e.approvedAt && <span className="small muted block">{formatSeoulMinute(e.approvedAt)}</span>}
      </td>
      <td>{e.executedByName ?? (e.executedBy === 'scheduler' ? '자동 파기(매일)' : e.executedBy)}</td>
    </tr>
  );
}
