import { useState } from 'react';
import type { Audience, OfficeProgress, SchoolProgress } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ANY, SelectField } from '../../components/fields';
import { formatDateTime, formatPercent, LEVEL_LABEL } from '../../labels';
import { Link } from 'react-router';

interface Props {
  campaignId: number;
  audience: Audience;
  schools: SchoolProgress[];
  offices: OfficeProgress[];
  /** The office shown ('' for all). */
  office: string;
  onOffice: (office: string) => void;
}

/** Every target school's codes, responses and rate (or submission), filterable to one office and to those behind. */
export function SchoolProgressTable({ campaignId, audience, schools, offices, office, onOffice }: Props) {
  const [behindOnly, setBehindOnly] = useState(false);
  const school = audience === 'school';
  const shown = schools.filter((s) => (!office || s.office === office) && (!behindOnly || s.behind));
  return (
    <section className="panel" aria-labelledby="school-progress-heading">
      <div className="panel-head">
        <h2 id="school-progress-heading">학교별 {school ? '제출' : '응답'} 현황</h2>
        <p className="muted" data-testid="school-progress-count">
          {shown.length.toLocaleString('ko-KR')}교
        </p>
      </div>
      <div className="form-grid">
        <SelectField id="progress-office" label="교육지원청" options={{ ...ANY, ...Object.fromEntries(offices.map((o) => [o.office, o.officeName])) }} value={office} onChange={onOffice} />
        <label className="checkbox field-check" htmlFor="progress-behind-only">
          <input id="progress-behind-only" type="checkbox" checked={behindOnly} onChange={(e) => setBehindOnly(e.target.checked)} data-testid="behind-only" />
          {school ? '제출하지 않은 학교만' : '독려가 필요한 학교만'}
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="empty">{behindOnly ? '독려가 필요한 학교가 없습니다.' : '대상 학교가 없습니다.'}</p>
      ) : (
        <DataTable
          testId="school-progress-table"
          caption="학교별 응답 현황"
          columns={['학교', '교육지원청 · 자치구', school ? null : num('발급 코드'), school ? null : num('응답'), school ? '제출' : num('응답률'), '상태', '최근 독려']}
        >
          {shown.map((s) => (
            <tr key={s.schoolId} data-testid={`progress-school-${s.schoolId}`} className={s.behind ? 'is-behind' : undefined}>
              <th scope="row">
                <Link to={`/surveys/campaigns/${campaignId}/schools/${s.schoolId}`}>
                  {s.name}
                </Link>{' '}
                <span className="muted small">{LEVEL_LABEL[s.level] ?? s.level}</span>
              </th>
              <td className="small">
                {s.officeName} · {s.district}
              </td>
              {!school && <td className="num">{s.codesIssued.toLocaleString('ko-KR')}</td>}
              {!school && (
                <td className="num" data-testid="school-responses">
                  {s.responses.toLocaleString('ko-KR')}
                </td>
              )}
              {school ? <td>{s.submitted ? '제출' : '미제출'}</td> : <td className="num">{s.rate === null ? '코드 없음' : formatPercent(s.rate)}</td>}
              <td>{s.behind ? <span className="badge badge-warning">독려 필요</span> : <span className="badge badge-ok">양호</span>}</td>
              <td className="small">{s.lastRemindedAt ? formatDateTime(s.lastRemindedAt) : '-'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
