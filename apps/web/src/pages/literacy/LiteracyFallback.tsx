import { ApiError } from '../../api';
import { PageFallback } from '../../components/PageFallback';
import { Link } from 'react-router';

interface Props {
  error: unknown;
  heading: string;
  errorTitle: string;
  back: { to: string; label: string };
}

/** The states a report can be in besides loaded, by the API's answer: its test id and what the page says. */
function stateOf(error: unknown): { testId: string; title?: string; text: string } | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 403) {
    return {
      testId: 'no-access',
      title: '접근 권한이 없습니다.',
      text: '진단검사 결과는 우리 학교 학생의 것만 볼 수 있습니다. 학교·학급·학생 보고서는 그 학교의 교직원과 관할 관리자만 봅니다.',
    };
  }
  if (error.status !== 404) return null;
  // The report routes' 404s say what is missing (libs/literacy/src/reports/literacy-reports.service.ts).
  if (error.message.includes('not computed yet')) return { testId: 'not-analysed', text: '아직 분석 결과가 없습니다. 결과를 가져오면 분석이 끝난 뒤 보고서가 열립니다.' };
  if (/^(results of school|class \d+ results at school)/.test(error.message)) return { testId: 'no-results', text: '이 검사에 가져온 결과가 아직 없습니다.' };
  return null;
}

/**
 * A literacy page until its data is there. A 403 (another school's student or class, a report for
 * administrators) reads 접근 권한이 없습니다; a report before the first analysis, or of a school or
 * class without results, says so.
 */
export function LiteracyFallback({ error, heading, errorTitle, back }: Props) {
  const state = stateOf(error);
  if (!state) return <PageFallback error={error} heading={heading} errorTitle={errorTitle} back={back} />;
  return (
    <div className="page" data-testid={state.testId}>
      <h1>{state.title ?? heading}</h1>
      <p className="muted">{state.text}</p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}
