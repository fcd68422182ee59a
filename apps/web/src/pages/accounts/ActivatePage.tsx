import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api';
import type { Activated, LinkPurpose } from '../../api/models';
import { SubmitButton } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { koreanSummary } from '../../errors';
import { formatSeoulMinute } from '../../labels';
import { Link } from 'react-router';
import { useAction } from '../../useAction';
import { NewPasswordFields, useNewPassword } from './PasswordFields';

/** What a person holding a link reads when it does not work (no staff codes or request ids). */
const LINK_ERRORS: Record<string, string> = {
  LINK_UNUSABLE: '이 링크는 이미 사용했거나 유효 기간이 지났습니다. 학교장이나 교육(지원)청 담당자에게 새 링크를 요청하세요.',
  VALIDATION_FAILED: '링크 주소가 올바르지 않습니다. 받은 링크를 빠짐없이 그대로 입력했는지 확인하세요.',
  WEAK_PASSWORD: '비밀번호가 규칙에 맞지 않습니다. ✗ 표시한 규칙을 지키도록 바꾸세요.',
  TOO_MANY_REQUESTS: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
};

const TITLE: Record<LinkPurpose, string> = { activation: '계정 활성화', reset: '비밀번호 재설정' };

/** The link's token, read once from the address (`/activate?token=…`). */
const tokenInAddress = (): string => new URLSearchParams(window.location.search).get('token') ?? '';

/**
 * The page behind an activation or reset link (no login, made for a phone too): whose link it is,
 * then a new password with the rules beside it; done, the person is signed in and goes to their
 * home page. The token leaves the address bar as soon as it is read, so it stays out of the
 * history, bookmarks and screenshots.
 */
export function ActivatePage({ onSignedIn }: { onSignedIn: (signedIn: Activated) => void }) {
  const [token] = useState(tokenInAddress);
  useEffect(() => {
    if (window.location.search) window.history.replaceState(null, '', '/activate');
  }, []);
  const link = useQuery({
    queryKey: ['activation-link', token],
    queryFn: () => (token ? api.checkLink(token) : Promise.reject(new ApiError(400, 'VALIDATION_FAILED', 'no token'))),
    gcTime: 0,
  });
  const password = useNewPassword({ email: link.data?.email, name: link.data?.name });
  const { busy, error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password.check()) return;
    const sent = password.value;
    await run(
      async () => {
        try {
          onSignedIn(await api.activate(token, sent));
        } catch (e) {
          password.refused(e, 'password', sent);
          throw e;
        }
      },
      { stayBusy: true },
    );
  }

  if (link.isPending) return <Loading />;
  const shell = (title: string, children: ReactNode) => (
    <div className="page activate-page">
      <div className="page-head">
        <p className="muted small">서울특별시교육청 AI 교육 플랫폼</p>
        <h1 data-testid="activate-title">{title}</h1>
      </div>
      {children}
    </div>
  );
  if (!link.data) {
    return shell(
      '링크를 쓸 수 없습니다',
      <>
        <LinkError error={link.error} />
        <p>
          <Link to="/login">로그인 화면으로</Link>
        </p>
      </>,
    );
  }

  const l = link.data;
  const unusable = error instanceof ApiError && error.code === 'LINK_UNUSABLE';
  return shell(
    TITLE[l.purpose] ?? TITLE.activation,
    <section className="panel" aria-labelledby="activate-heading">
      <h2 id="activate-heading" className="activate-greeting" data-testid="activate-greeting">
        {l.name ? `${l.name} 님, ` : ''}
        {l.purpose === 'reset' ? '새 비밀번호를 정하세요.' : '환영합니다. 비밀번호를 정하면 바로 시작할 수 있습니다.'}
      </h2>
      <dl className="activate-facts">
        <div>
          <dt>아이디(이메일)</dt>
          <dd data-testid="activate-email">{l.email}</dd>
        </div>
        <div>
          <dt>링크 유효 기간</dt>
          <dd>{formatSeoulMinute(l.expiresAt)}까지</dd>
        </div>
      </dl>
      {unusable ? (
        <>
          <LinkError error={error} />
          <p>
            <Link to="/login">로그인 화면으로</Link>
          </p>
        </>
      ) : (
        <form className="stack-form" aria-label={TITLE[l.purpose] ?? TITLE.activation} onSubmit={submit}>
          {/* The login id, for password managers to store with the new password. */}
          <input type="email" name="username" autoComplete="username" value={l.email} readOnly hidden />
          <NewPasswordFields id="activate-password" {...password.fieldProps} />
          <LinkError error={error} />
          <SubmitButton busy={busy} busyLabel="저장 중…" className="button button-primary button-block button-large" testId="activate-submit">
            {l.purpose === 'reset' ? '새 비밀번호 저장' : '비밀번호 정하고 시작하기'}
          </SubmitButton>
        </form>
      )}
    </section>,
  );
}

/** A link's or password's problem in plain Korean, announced; the refused rules' own words under it. */
function LinkError({ error }: { error: unknown }) {
  if (!error) return null;
  const reasons = error instanceof ApiError && error.code === 'WEAK_PASSWORD' ? error.details.map((d) => d.reason).filter(Boolean) : [];
  return (
    <div className="alert alert-error" role="alert" data-testid="activate-error">
      <p className="alert-title">{koreanSummary(error, LINK_ERRORS)}</p>
      {reasons.length > 0 && (
        <ul className="alert-details">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
