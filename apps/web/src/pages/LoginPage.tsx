import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { InputField, SubmitButton } from '../components/fields';
import { Link } from '../router';
import type { LoginResponse } from '../types';
import { useAction } from '../useAction';

export function LoginPage({ onLoggedIn, expired = false }: { onLoggedIn: (result: LoginResponse) => void; expired?: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Logged in, the app leaves this page.
    await run(async () => onLoggedIn(await api.login(email.trim(), password)), { stayBusy: true });
  }

  return (
    <main className="login-page">
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
        <form onSubmit={submit} aria-label="로그인" className="login-form">
          <InputField id="login-email" label="이메일" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@sen.go.kr" />
          <InputField id="login-password" label="비밀번호" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <ErrorMessage error={error} title="로그인하지 못했습니다." />
          <SubmitButton busy={busy} busyLabel="로그인 중…" className="button button-primary button-block">
            로그인
          </SubmitButton>
        </form>
        <p className="login-foot muted small">로그인을 10회 이상 실패하면 15분 동안 로그인이 제한됩니다.</p>
        <p className="login-public">
          <Link to="/designated" data-testid="public-designations-link">
            선도학교·연구학교 지정 현황 보기
          </Link>{' '}
          <span className="muted small">(로그인 없이 볼 수 있습니다)</span>
        </p>
      </div>
    </main>
  );
}
