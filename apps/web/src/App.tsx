import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler } from './api';
import { Header } from './components/Header';
import { Redirect } from './components/Redirect';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SchoolListPage } from './pages/SchoolListPage';
import { SchoolPage } from './pages/SchoolPage';
import { ApplicationPage } from './pages/designations/ApplicationPage';
import { CallCreatePage } from './pages/designations/CallCreatePage';
import { CallListPage } from './pages/designations/CallListPage';
import { CallPage } from './pages/designations/CallPage';
import { DesignationListPage } from './pages/designations/DesignationListPage';
import { PublicDesignatedPage } from './pages/designations/PublicDesignatedPage';
import { ReviewPage } from './pages/designations/ReviewPage';
import { ReviewsPage } from './pages/designations/ReviewsPage';
import { BadgeVerifyPage } from './pages/training/BadgeVerifyPage';
import { MyTrainingPage } from './pages/training/MyTrainingPage';
import { ParticipantPage } from './pages/training/ParticipantPage';
import { TrainingPage } from './pages/training/TrainingPage';
import { isAdmin, isCityAdmin } from './roles';
import { Link, matchPath, navigate, useLocation } from './router';
import { clearSession, loadSession, saveSession, type Session } from './session';
import type { LoginResponse, User } from './types';

/**
 * Pages anyone may open without logging in: the designated schools (조례 제5조) and a digital
 * badge's verification page (조례 제7조). Signed in, they show inside the usual frame.
 */
function publicPage(path: string, loggedIn: boolean): ReactNode | null {
  if (path === '/designated') return <PublicDesignatedPage loggedIn={loggedIn} />;
  const badge = matchPath('/badges/:id/verify', path);
  if (badge) return <BadgeVerifyPage key={badge.id} badgeId={badge.id} loggedIn={loggedIn} />;
  return null;
}

/** Where each role starts: administrators on the dashboard, school staff on their own school. */
export function homePath(user: User): string {
  if (isAdmin(user)) return '/dashboard';
  return user.schoolId !== null ? `/schools/${user.schoolId}` : '/schools';
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const { path, query, href } = useLocation();

  const logout = useCallback((expired = false) => {
    clearSession();
    setSession(null);
    const here = window.location.pathname + window.location.search;
    navigate(expired ? `/login?expired=1&next=${encodeURIComponent(here)}` : '/login', { replace: true });
  }, []);

  useEffect(() => setUnauthorizedHandler(() => logout(true)), [logout]);

  // Refresh the stored user from the server once (also catches an expired token).
  useEffect(() => {
    if (!session) return;
    api.me().then(
      (user) => {
        setSession((s) => (s ? { ...s, user } : s));
      },
      () => undefined,
    );
  }, [session?.token]);

  useEffect(() => {
    if (session) saveSession(session);
  }, [session]);

  const onLoggedIn = (result: LoginResponse) => {
    const next: Session = { token: result.accessToken, user: result.user };
    saveSession(next);
    setSession(next);
    navigate(safeNext(query.get('next')) ?? homePath(result.user), { replace: true });
  };

  if (!session) {
    const page = publicPage(path, false);
    if (page) return <PublicLayout>{page}</PublicLayout>;
    if (path === '/login') return <LoginPage onLoggedIn={onLoggedIn} expired={query.get('expired') === '1'} />;
    const next = path === '/' ? '' : `?next=${encodeURIComponent(href)}`;
    return <Redirect to={`/login${next}`} />;
  }

  const { user } = session;
  return (
    <>
      <a className="skip-link" href="#main">
        본문 바로가기
      </a>
      <Header user={user} onLogout={() => logout()} />
      <main id="main" className="container">
        <Route path={path} user={user} />
      </main>
      <footer className="site-footer">
        <p>서울특별시교육청 인공지능 교육 지원 조례에 따른 AI 교육 플랫폼</p>
      </footer>
    </>
  );
}

/** The public pages' frame: the brand, a login link, no session, no menu. */
function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        본문 바로가기
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/designated" className="brand">
            <span className="brand-mark" aria-hidden="true">
              AI
            </span>
            <span>
              <span className="brand-org">서울특별시교육청</span>
              <span className="brand-name">AI 교육 플랫폼</span>
            </span>
          </Link>
          <div className="user-box">
            <Link to="/login" className="button button-ghost">
              로그인
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer">
        <p>서울특별시교육청 인공지능 교육 지원 조례에 따른 AI 교육 플랫폼</p>
      </footer>
    </>
  );
}

const forbidden = (text: string) => <NotFoundPage title="접근 권한이 없습니다." text={text} />;
const numeric = (params: Record<string, string> | null): number | null => (params && /^\d+$/.test(params.id) ? Number(params.id) : null);

function Route({ path, user }: { path: string; user: User }) {
  if (path === '/' || path === '/login') return <Redirect to={homePath(user)} />;
  if (path === '/dashboard') {
    return isAdmin(user) ? (
      <DashboardPage user={user} />
    ) : (
      <NotFoundPage title="접근 권한이 없습니다." text="대시보드는 교육청·교육지원청 관리자만 볼 수 있습니다." />
    );
  }
  if (path === '/schools') return <SchoolListPage />;
  const school = matchPath('/schools/:id', path);
  if (school && /^\d+$/.test(school.id)) return <SchoolPage key={school.id} user={user} schoolId={Number(school.id)} />;

  const open = publicPage(path, true);
  if (open) return open;

  // 조례 제5조 선도학교·연구학교 지정
  if (path === '/designations') return <DesignationListPage user={user} />;
  if (path === '/designations/calls') return <CallListPage user={user} />;
  if (path === '/designations/calls/new') {
    return isCityAdmin(user) ? <CallCreatePage /> : forbidden('공모는 교육청 관리자만 만들 수 있습니다.');
  }
  const callId = numeric(matchPath('/designations/calls/:id', path));
  if (callId !== null) return <CallPage key={callId} user={user} callId={callId} />;
  const applicationId = numeric(matchPath('/designations/applications/:id', path));
  if (applicationId !== null) return <ApplicationPage key={applicationId} user={user} applicationId={applicationId} />;
  if (path === '/designations/reviews') {
    return isAdmin(user) ? <ReviewsPage /> : forbidden('심사는 심사위원으로 배정된 교육청·교육지원청 관리자만 할 수 있습니다.');
  }
  const reviewId = numeric(matchPath('/designations/reviews/:id', path));
  if (reviewId !== null) {
    return isAdmin(user) ? <ReviewPage key={reviewId} user={user} applicationId={reviewId} /> : forbidden('심사는 심사위원으로 배정된 교육청·교육지원청 관리자만 할 수 있습니다.');
  }

  // 조례 제7조 교원 연수 · 디지털 배지
  if (path === '/training/me') return <MyTrainingPage user={user} />;
  if (path === '/training') return user.role === 'teacher' ? <Redirect to="/training/me" /> : <TrainingPage user={user} />;
  const participantId = numeric(matchPath('/training/participants/:id', path));
  if (participantId !== null) return <ParticipantPage key={participantId} user={user} participantId={participantId} />;
  return <NotFoundPage />;
}
