import type { ReactNode } from 'react';
import { SectionFrame } from '../../components/SectionFrame';
import { useUser } from '../../sessionContext';
import type { User } from '../../api/models';
import { ordinancePaths } from './ordinanceLabels';
import './ordinance.css';

/** The section's pages for this user: 표창 only for principals and administrators (teachers are nominated, not nominating). */
function tabs(user: User): { to: string; label: string }[] {
  return [
    { to: ordinancePaths.plans, label: '기본계획·시행계획' },
    { to: ordinancePaths.cases, label: '우수사례' },
    { to: ordinancePaths.communities, label: '학습공동체' },
    ...(user.role === 'teacher' ? [] : [{ to: ordinancePaths.commendations, label: '표창' }]),
  ];
}

interface Props {
  title: string;
  lead?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** The frame of the 조례 이행 pages (제4조 계획, 제8조 우수사례·학습공동체, 제10조 표창): breadcrumb, heading, tabs. */
export function OrdinanceLayout({ title, lead, actions, children }: Props) {
  const user = useUser();
  return (
    <SectionFrame section="AI 교육 계획·성과" className="ordinance-page" tabs={tabs(user)} title={title} lead={lead} actions={actions}>
      {children}
    </SectionFrame>
  );
}
