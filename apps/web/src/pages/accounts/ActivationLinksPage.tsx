import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { accountUrls } from '../../api';
import type { ActivationLink, User } from '../../api/models';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useSchoolName } from '../../coreQueries';
import { formatSeoulMinute, ROLE_LABEL } from '../../labels';
import { isAdmin } from '../../roles';
import { accountPaths } from './accountLabels';
import { activationLinksQuery } from './accountQueries';
import { SchoolPicker } from './SchoolPicker';
import { UsersLayout } from './UsersLayout';

/** A positive whole number from the address, or undefined. */
const idParam = (value: string | null): number | undefined => (value && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined);

/**
 * 활성화 링크 인쇄: the live activation links of accounts not yet activated (a school's, or one
 * import's), as an A4 sheet of slips to cut apart and hand out, one per person: school, name, login
 * id, the link, until when it works and what to do. Only the slips are printed. Opening the page is
 * recorded in the audit log.
 */
export function ActivationLinksPage({ user }: { user: User }) {
  const [query] = useSearchParams();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const schoolId = user.role === 'principal' ? (user.schoolId ?? undefined) : idParam(query.get('schoolId'));
  const batchId = idParam(query.get('batchId'));
  // An office's or the city's every link would be thousands of slips: administrators pick a school or an import first.
  const chosen = user.role === 'principal' || schoolId !== undefined || batchId !== undefined;
  const links = useQuery({ ...activationLinksQuery({ schoolId, batchId }), enabled: chosen });
  const schoolName = useSchoolName(isAdmin(user) ? schoolId : null);
  const items = links.data ?? [];

  const setSchool = (id: number | null) => {
    const to = accountPaths.linksOf({ schoolId: id, batchId });
    if (to !== pathname + search) void navigate(to);
  };

  return (
    <UsersLayout
      user={user}
      title="활성화 링크 인쇄"
      lead="아직 활성화하지 않은 계정의 링크를 한 사람에 한 장씩 잘라 나눠 줄 수 있게 인쇄합니다. 링크는 본인에게만 전해 주세요."
      actions={
        <div className="row-actions no-print">
          <button type="button" className="button button-primary" onClick={() => window.print()} disabled={items.length === 0} data-testid="print-slips">
            인쇄
          </button>
          <DownloadButton url={accountUrls.activationLinksXlsx({ schoolId, batchId })} label="XLSX 내려받기" filename="계정_활성화_링크.xlsx" testId="links-xlsx" />
        </div>
      }
    >
      <div className="panel no-print links-scope">
        {batchId !== undefined && (
          <p data-testid="links-batch">
            명단 가져오기 <strong>#{batchId}</strong>로 만든 링크만 보입니다. <Link to={accountPaths.linksOf({ schoolId })}>모든 링크 보기</Link>
          </p>
        )}
        {isAdmin(user) ? (
          <SchoolPicker
            id="links-school"
            label="학교"
            school={schoolId ? { id: schoolId, name: schoolName ?? '불러오는 중…' } : null}
            onChange={(s) => setSchool(s?.id ?? null)}
            hint="인쇄할 학교를 고르세요. 관리하는 모든 학교의 링크는 XLSX로 내려받을 수 있습니다."
          />
        ) : null}
        {links.data && (
          <p className="muted" data-testid="links-count">
            인쇄할 링크 {items.length.toLocaleString('ko-KR')}개. A4 용지에 인쇄한 뒤 점선을 따라 자르세요.
          </p>
        )}
      </div>
      <ErrorMessage error={links.error} title="활성화 링크를 불러오지 못했습니다." />
      {!chosen && <p className="panel empty">학교를 고르면 그 학교의 인쇄할 링크가 나옵니다.</p>}
      {chosen && links.isPending && <Loading />}
      {links.data && (items.length === 0 ? <p className="panel empty">인쇄할 활성화 링크가 없습니다. 모두 활성화했거나 링크 기간이 지났습니다(사용자 화면의 ‘비밀번호 초기화’로 새 링크를 만드세요).</p> : <Slips links={items} />)}
    </UsersLayout>
  );
}

function Slips({ links }: { links: ActivationLink[] }) {
  return (
    <ol className="code-sheet link-sheet" data-testid="link-sheet" aria-label="계정 활성화 안내문">
      {links.map((l) => (
        <li key={l.id} className="code-slip link-slip" data-testid="link-slip">
          <p className="slip-title">서울특별시교육청 AI 교육 플랫폼 계정 안내</p>
          <p className="slip-school">
            {l.schoolName ?? '서울특별시교육청'} · {ROLE_LABEL[l.role]}
          </p>
          <p className="slip-name">
            <strong>{l.name}</strong> 님
          </p>
          <p className="slip-login">
            아이디(이메일): <strong>{l.email}</strong>
          </p>
          <p className="slip-code-label">활성화 링크</p>
          <p className="slip-link" data-testid="slip-link">
            {l.activationUrl}
          </p>
          <p className="slip-note">
            주소창에 링크를 그대로 입력해 들어가 비밀번호를 정하면 바로 로그인됩니다. 링크는 한 번만 쓸 수 있고{' '}
            <strong data-testid="slip-expiry">{formatSeoulMinute(l.activationExpiresAt)}</strong>까지 유효합니다. 다른 사람에게 보여 주지 마세요.
          </p>
        </li>
      ))}
    </ol>
  );
}
