import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { SignedIn } from '../../api/models';
import { Loading } from '../../components/Loading';
import { koreanSummary } from '../../errors';
import { Link } from 'react-router';

const SSO_ERRORS: Record<string, string> = {
  NO_TOKEN: '로그인 정보를 받지 못했습니다. 교육청 통합 로그인을 처음부터 다시 해 주세요.',
  UNAUTHORIZED: '로그인이 만료되었거나 올바르지 않습니다. 다시 로그인하세요.',
  ACCOUNT_DISABLED: '사용 중지된 계정입니다. 관리자에게 문의하세요.',
};

/** The token and its lifetime from the address's fragment (`#token=…&expiresIn=…`), read once. */
function fragment(): { token: string | null; expiresIn: number } {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return { token: params.get('token'), expiresIn: Number(params.get('expiresIn')) || 0 };
}

/**
 * Where 교육청 통합 로그인 comes back: the server redirects to `/login/sso#token=…`. The page takes the
 * token from the fragment (which browsers never send to a server), removes it from the address,
 * asks who it belongs to, keeps the session and goes to the person's home page; or says what went
 * wrong with a way back to the login page.
 */
export function SsoLandingPage({ onSignedIn }: { onSignedIn: (signedIn: SignedIn) => void }) {
  const [{ token, expiresIn }] = useState(fragment);
  const owner = useQuery({ queryKey: ['sso-token', token], queryFn: () => api.meWithToken(token!), enabled: !!token, gcTime: 0 });
  const user = owner.data;
  const error: unknown = token ? owner.error : { code: 'NO_TOKEN' };

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', '/login/sso');
  }, []);

  useEffect(() => {
    if (token && user) onSignedIn({ accessToken: token, tokenType: 'Bearer', expiresIn, user });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user]);

  if (!error) return <Loading text="교육청 통합 로그인 중…" />;
  const code = (error as { code?: string }).code;
  return (
    <div className="page activate-page">
      <div className="page-head">
        <h1>교육청 통합 로그인</h1>
      </div>
      <div className="alert alert-error" role="alert" data-testid="sso-error">
        <p className="alert-title">로그인하지 못했습니다.</p>
        <p className="alert-body">{(code && SSO_ERRORS[code]) ?? koreanSummary(error, SSO_ERRORS)}</p>
      </div>
      <p>
        <Link to="/login" className="button button-primary">
          로그인 화면으로 돌아가기
        </Link>
      </p>
    </div>
  );
}
