import type { ReactNode } from 'react';
import { Redirect } from '../../components/Redirect';
import { page } from '../../lazyPage';
import { isAdmin, isCityAdmin } from '../../roles';
import { ADMINS, EVERYONE, label, type Access, type AppRoute } from '../../routes';
import { NotFoundPage } from '../NotFoundPage';
import { literacyPath } from './literacyPaths';
// literacy.css comes with the app (main.tsx), before styles.css, which wins where both set a rule (e.g. @page).

const ADMINS_ONLY: Access = { allow: isAdmin, denied: '문항 분석과 서울시·교육지원청 보고서는 교육청·교육지원청 관리자가 봅니다.' };

/** The page, or 페이지를 찾을 수 없습니다 when a number in the address is not one. */
const withNumbers = (values: string[], page: (...n: number[]) => ReactNode) => (values.every((v) => /^\d{1,9}$/.test(v)) ? page(...values.map(Number)) : <NotFoundPage />);

/** 진단검사 (AI·디지털 리터러시): the routes, spread into PAGES in menu order. */
export const LITERACY_ROUTES: AppRoute[] = [
  {
    path: literacyPath.list,
    handle: { title: 'AI·디지털 리터러시 진단검사', menu: { labels: label(EVERYONE, '진단검사') } },
    lazy: page(() => import('./AssessmentListPage'), ({ AssessmentListPage }, user) => <AssessmentListPage user={user} />),
  },
  {
    path: literacyPath.create,
    handle: { title: '새 진단검사 만들기', access: { allow: isCityAdmin, denied: '진단검사는 교육청 관리자가 만듭니다.' } },
    lazy: page(() => import('./AssessmentCreatePage'), ({ AssessmentCreatePage }) => <AssessmentCreatePage />),
  },
  {
    path: literacyPath.bank,
    handle: {
      title: '문항 은행',
      menu: { labels: label(ADMINS, '문항 은행') },
      access: { allow: isAdmin, denied: '문항 은행은 교육청·교육지원청 관리자가 봅니다.' },
    },
    lazy: page(() => import('./BankPage'), ({ BankPage }, user) => <BankPage user={user} />),
  },
  {
    path: '/literacy/:id',
    handle: { title: '진단검사' },
    // Teachers read their school's report; everyone else the overview (with the import where allowed).
    lazy: page(() => import('./AssessmentPage'), ({ AssessmentPage }, user, { id }) =>
      user.role === 'teacher' && user.schoolId !== null ? (
        <Redirect to={literacyPath.school(Number(id), user.schoolId)} />
      ) : (
        <AssessmentPage key={id} user={user} assessmentId={Number(id)} />
      ),
    ),
  },
  {
    path: '/literacy/:id/analysis',
    handle: { title: '문항 분석', access: ADMINS_ONLY },
    lazy: page(() => import('./AnalysisPage'), ({ AnalysisPage }, user, { id }) => <AnalysisPage key={id} user={user} assessmentId={Number(id)} />),
  },
  {
    path: '/literacy/:id/report',
    handle: { title: '진단검사 보고서', access: ADMINS_ONLY },
    lazy: page(() => import('./CityReportPage'), ({ CityReportPage }, user, { id }) => <CityReportPage key={id} user={user} assessmentId={Number(id)} />),
  },
  {
    path: '/literacy/:id/schools/:schoolId',
    handle: { title: '학교 보고서' },
    lazy: page(() => import('./SchoolReportPage'), ({ SchoolReportPage }, user, { id, schoolId }) =>
      withNumbers([id, schoolId], (a, s) => <SchoolReportPage key={`${a}/${s}`} user={user} assessmentId={a} schoolId={s} />),
    ),
  },
  {
    path: '/literacy/:id/schools/:schoolId/classes/:classNo',
    handle: { title: '학급 보고서' },
    lazy: page(() => import('./ClassReportPage'), ({ ClassReportPage }, _, { id, schoolId, classNo }) =>
      withNumbers([id, schoolId, classNo], (a, s, c) => <ClassReportPage key={`${a}/${s}/${c}`} assessmentId={a} schoolId={s} classNo={c} />),
    ),
  },
  {
    path: '/literacy/:id/students/:studentId',
    handle: { title: '개인 결과표' },
    lazy: page(() => import('./StudentReportPage'), ({ StudentReportPage }, _, { id, studentId }) =>
      withNumbers([id, studentId], (a, s) => <StudentReportPage key={`${a}/${s}`} assessmentId={a} studentId={s} />),
    ),
  },
];
