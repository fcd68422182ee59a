import type { ReactNode } from 'react';
import type { LiteracyPhase } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { Link } from 'react-router';
import { gradeLabel, PHASE_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';

interface Props {
  assessment: { id: number; name: string; grade: number; schoolYear?: number; phase?: LiteracyPhase };
  /** The steps after the assessment (links, then this page's name); none on the overview itself. */
  steps?: ReactNode[];
  title: ReactNode;
  /** Buttons beside the title. */
  actions?: ReactNode;
  children?: ReactNode;
}

/** 진단검사 › 검사명 › …, the page's title and the assessment's year, phase and grade. */
export function AssessmentHead({ assessment: a, steps = [], title, actions, children }: Props) {
  const facts = [a.schoolYear && `${a.schoolYear}학년도`, a.phase && PHASE_LABEL[a.phase], gradeLabel(a.grade)].filter(Boolean).join(' · ');
  const crumbs = steps.length ? [<Link to={literacyPath.list}>진단검사</Link>, <Link to={literacyPath.assessment(a.id)}>{a.name}</Link>, ...steps] : [<Link to={literacyPath.list}>진단검사</Link>, a.name];
  return (
    <div className={actions ? 'page-head page-head-actions' : 'page-head'}>
      <div>
        <Breadcrumb steps={crumbs} />
        <h1 data-testid="page-title">{title}</h1>
        <p className="muted">
          {steps.length > 0 && `${a.name} · `}
          {facts}
        </p>
        {children}
      </div>
      {actions && <div className="no-print">{actions}</div>}
    </div>
  );
}
