import type { ReactNode } from 'react';
import { Redirect } from '../../components/Redirect';
import { lazyPage } from '../../lazyPage';
import { isAdmin, isCityAdmin } from '../../roles';
import type { AppRoute } from '../../routes';
import type { Role, User } from '../../types';
import { NotFoundPage } from '../NotFoundPage';
import { literacyPath } from './literacyPaths';
// Imported here, with the app, rather than by the pages: it stays before styles.css, which wins where both set a rule
// (e.g. @page), as it did before the pages were split off.
import './literacy.css';

const AnalysisPage = lazyPage(() => import('./AnalysisPage'), 'AnalysisPage');
const AssessmentCreatePage = lazyPage(() => import('./AssessmentCreatePage'), 'AssessmentCreatePage');
const AssessmentListPage = lazyPage(() => import('./AssessmentListPage'), 'AssessmentListPage');
const AssessmentPage = lazyPage(() => import('./AssessmentPage'), 'AssessmentPage');
const CityReportPage = lazyPage(() => import('./CityReportPage'), 'CityReportPage');
const ClassReportPage = lazyPage(() => import('./ClassReportPage'), 'ClassReportPage');
const SchoolReportPage = lazyPage(() => import('./SchoolReportPage'), 'SchoolReportPage');
const StudentReportPage = lazyPage(() => import('./StudentReportPage'), 'StudentReportPage');

const EVERYONE: Role[] = ['city_admin', 'district_admin', 'principal', 'teacher'];
const ADMINS_ONLY = { allow: isAdmin, denied: '문항 분석과 서울시·교육지원청 보고서는 교육청·교육지원청 관리자가 봅니다.' };

/** The page, or 페이지를 찾을 수 없습니다 when a number in the address is not one. */
const withNumbers = (values: string[], page: (...n: number[]) => ReactNode) => (values.every((v) => /^\d{1,9}$/.test(v)) ? page(...values.map(Number)) : <NotFoundPage />);

/** 진단검사 (AI·디지털 리터러시): the routes, spread into ROUTES in menu order. */
export const LITERACY_ROUTES: AppRoute[] = [
  {
    path: literacyPath.list,
    menu: { labels: Object.fromEntries(EVERYONE.map((role) => [role, '진단검사'])) },
    page: (user) => <AssessmentListPage user={user} />,
  },
  {
    path: literacyPath.create,
    access: { allow: isCityAdmin, denied: '진단검사는 교육청 관리자가 만듭니다.' },
    page: () => <AssessmentCreatePage />,
  },
  {
    path: '/literacy/:id',
    // Teachers read their school's report; everyone else the overview (with the import where allowed).
    page: (user: User, { id }) =>
      user.role === 'teacher' && user.schoolId !== null ? (
        <Redirect to={literacyPath.school(Number(id), user.schoolId)} />
      ) : (
        <AssessmentPage key={id} user={user} assessmentId={Number(id)} />
      ),
  },
  { path: '/literacy/:id/analysis', access: ADMINS_ONLY, page: (user, { id }) => <AnalysisPage key={id} user={user} assessmentId={Number(id)} /> },
  { path: '/literacy/:id/report', access: ADMINS_ONLY, page: (user, { id }) => <CityReportPage key={id} user={user} assessmentId={Number(id)} /> },
  {
    path: '/literacy/:id/schools/:schoolId',
    page: (user, { id, schoolId }) => withNumbers([id, schoolId], (a, s) => <SchoolReportPage key={`${a}/${s}`} user={user} assessmentId={a} schoolId={s} />),
  },
  {
    path: '/literacy/:id/schools/:schoolId/classes/:classNo',
    page: (_, { id, schoolId, classNo }) => withNumbers([id, schoolId, classNo], (a, s, c) => <ClassReportPage key={`${a}/${s}/${c}`} assessmentId={a} schoolId={s} classNo={c} />),
  },
  {
    path: '/literacy/:id/students/:studentId',
    page: (_, { id, studentId }) => withNumbers([id, studentId], (a, s) => <StudentReportPage key={`${a}/${s}`} assessmentId={a} studentId={s} />),
  },
];
