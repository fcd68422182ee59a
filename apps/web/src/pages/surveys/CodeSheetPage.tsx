import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CodeSheet } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { PageFallback } from '../../components/PageFallback';
import { PrintedLink, typeableUrl } from '../../components/PrintedLink';
import { formatDateTime } from '../../labels';
import { Link } from 'react-router';
import { surveyQueries } from './surveyQueries';

interface Props {
  campaignId: number;
  schoolId: number;
  batchId: string;
}

/**
 * A batch of one-time codes as an A4 sheet of slips to cut apart (가정통신문·학급 배부용): each slip
 * has the survey, the school, the code and where to answer. Only the slips are printed.
 */
export function CodeSheetPage({ campaignId, schoolId, batchId }: Props) {
  const sheet = useQuery(surveyQueries.codeSheet(campaignId, schoolId, Number(batchId)));
  const [skipUsed, setSkipUsed] = useState(true);
  const back = `/surveys/campaigns/${campaignId}`;
  if (!sheet.data) return <PageFallback error={sheet.error} heading="응답 코드표" errorTitle="코드표를 불러오지 못했습니다." back={{ to: back, label: '설문으로 돌아가기' }} />;
  const s = sheet.data;
  const codes = s.codes.filter((c) => !skipUsed || !c.used);
  const used = s.codes.length - s.codes.filter((c) => !c.used).length;
  return (
    <div className="page">
      <div className="page-head no-print">
        <Breadcrumb steps={[<Link to="/surveys">설문</Link>, <Link to={back}>{s.campaignTitle}</Link>, '응답 코드표']} />
        <h1>응답 코드표</h1>
        <p className="muted">
          {s.schoolName} · 코드 {s.codes.length.toLocaleString('ko-KR')}개 (사용 {used.toLocaleString('ko-KR')}개). A4 용지에 인쇄한 뒤 점선을 따라 잘라 한 사람에게 한 장씩 나눠 주세요.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => window.print()} data-testid="print-sheet">
            인쇄
          </button>
          <label className="checkbox" htmlFor="skip-used">
            <input id="skip-used" type="checkbox" checked={skipUsed} onChange={(e) => setSkipUsed(e.target.checked)} />
            이미 사용한 코드는 빼기
          </label>
        </div>
      </div>
      <Slips sheet={s} codes={codes} />
    </div>
  );
}

function Slips({ sheet, codes }: { sheet: CodeSheet; codes: CodeSheet['codes'] }) {
  if (!codes.length) return <p className="empty">인쇄할 코드가 없습니다.</p>;
  return (
    <ol className="code-sheet" data-testid="code-sheet" aria-label="응답 코드 안내문">
      {codes.map(({ code, url, used }) => (
        <li key={code} className={used ? 'code-slip is-used' : 'code-slip'} data-testid="code-slip">
          <p className="slip-title">{sheet.campaignTitle}</p>
          <p className="slip-school">{sheet.schoolName}</p>
          <p className="slip-code-label">응답 코드</p>
          <p className="slip-code" data-testid="code">
            {code}
          </p>
          <PrintedLink url={url} label={`응답 코드 ${code}`} note="휴대전화 카메라로 QR 코드를 찍거나 주소를 입력하세요." />
          <p className="slip-note">
            또는 <strong>{typeableUrl(sheet.respondUrl)}</strong>에서 코드를 입력하세요. 코드 하나로 한 번 응답할 수 있으며, 이름은 묻지 않습니다. 마감:{' '}
            {formatDateTime(sheet.closesAt)}
          </p>
          {used && <p className="slip-used no-print">사용함</p>}
        </li>
      ))}
    </ol>
  );
}
