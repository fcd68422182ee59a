import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { accountUrls, api, ApiError } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { InputField, SubmitButton } from '../components/fields';
import { Link } from 'react-router';
import type { LoginResponse } from '../api/models';
import { useAction } from '../useAction';

/** How long to wait, in words: 45초, 3분, 2분 30초. */
function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds}초`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s ? `${m}분 ${s}초` : `${m}분`;
}

/** The 429's wait (Retry-After, also in the error's details), as the error's Korean headline. */
function loginMessages(error: unknown): Record<string, string> {
  const wait = error instanceof ApiError ? error.details.find((d) => typeof d.retryAfterSeconds === 'number')?.retryAfterSeconds : undefined;
  return {
    TOO_MANY_REQUESTS: wait ? `로그인 실패가 많아 잠시 막혔습니다. ${waitText(wait)} 뒤에 다시 시도하세요.` : '로그인 실패가 많아 잠시 막혔습니다. 잠시 후 다시 시도하세요.',
  };
}

export function LoginPage({ onLoggedIn, expired = false }: { onLoggedIn: (result: LoginResponse) => void; expired?: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  // Until the answer comes (or when it does not), the password form is shown.
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: api.authMethods, staleTime: Infinity });
  const passwordOn = methods.data?.password ?? true;
  const ssoOn = methods.data?.oidc ?? false;

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Logged in, the app leaves this page.
    await run(async () => onLoggedIn(await api.login(email.trim(), password)), { stayBusy: true });
  }

  return (
    <>
      <a className="skip-link" href="#main">
        본문 바로가기
      </a>
      <main id="main" tabIndex={-1} className="login-page">
        <div className="login-card">
          <div className="login-brand">
            <span className="brand-mark" aria-hidden="true">
              AI
            </span>
            <div>
              <p className="brand-org">서울특별시교육청</p>
              <h1>AI 교육 플랫폼</h1>
            </div>
          </div>
          <p className="muted">신나는 AI 교실 현황 관리 시스템입니다. 기관 계정으로 로그인하세요.</p>
          {expired && !error && (
            <p className="alert alert-info" role="status">
              로그인이 만료되었습니다. 다시 로그인하세요.
            </p>
          )}
          {ssoOn && (
            <div className="login-sso">
              <a href={accountUrls.oidcLogin} className="button button-primary button-block button-large" data-testid="sso-login">
                교육청 통합 로그인
              </a>
              <p className="muted small">교육청 업무 계정(통합 인증)으로 로그인합니다.</p>
            </div>
          )}
          {ssoOn && passwordOn && (
            <p className="login-divider" aria-hidden="true">
              <span>또는</span>
            </p>
          )}
          {passwordOn ? (
            <>
              <form onSubmit={submit} aria-label="로그인" className="login-form">
                <InputField id="login-email" label="이메일" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@sen.go.kr" />
                <InputField id="login-password" label="비밀번호" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
                <ErrorMessage error={error} title="로그인하지 못했습니다." messages={loginMessages(error)} />
                <SubmitButton busy={busy} busyLabel="로그인 중…" className={ssoOn ? 'button button-secondary button-block' : 'button button-primary button-block'}>
                  로그인
                </SubmitButton>
              </form>
              <p className="login-foot muted small">
                같은 곳에서 로그인에 거듭 실패하면 다시 시도하기까지 기다리는 시간이 점점 길어집니다. 처음 쓰는 분은 관리자에게 받은 활성화 링크로 비밀번호를 정하세요. 비밀번호를 잊었으면 학교장이나 교육(지원)청 담당자에게 초기화를 요청하세요.
              </p>
            </>
          ) : (
            <p className="muted small" data-testid="password-login-off">
              이 기관은 비밀번호 로그인을 쓰지 않습니다. 교육청 통합 로그인을 이용하세요.
            </p>
          )}
          <p className="login-public">
            <Link to="/designated" data-testid="public-designations-link">
              선도학교·연구학교 지정 현황 보기
            </Link>{' '}
            <span className="muted small">(로그인 없이 볼 수 있습니다)</span>
          </p>
          {/* The login has no site footer: the policy's link (개인정보 보호법 제30조 제2항) is here, a plain link to its own document. */}
          <p className="small">
            <a href="/privacy" data-testid="privacy-policy-link">
              <strong>개인정보 처리방침</strong>
            </a>
          </p>
        </div>
      </main>
    </>
  );
}
