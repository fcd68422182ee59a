import { formatTerm } from '../labels';
import { Link } from 'react-router';
import type { SchoolDetail, User } from '../api/models';
import { DesignationStatusBadge } from './DesignationBadges';

/** The school's lead/research-school designations (조례 제5조), on the school page. */
export function SchoolDesignations({ designations, user, schoolId }: { designations: NonNullable<SchoolDetail['designations']>; user: User; schoolId: number }) {
  const mayApply = user.role === 'principal' && user.schoolId === schoolId;
  return (
    <section className="panel" aria-labelledby="designations-heading">
      <div className="panel-head">
        <div>
          <h2 id="designations-heading">선도학교·연구학교 지정</h2>
          <p className="muted">서울특별시교육청 인공지능 교육 지원 조례 제5조에 따른 지정 현황입니다.</p>
        </div>
        {mayApply && (
          <Link to="/designations/calls" className="button button-secondary">
            지정 공모 보기
          </Link>
        )}
      </div>
      {designations.length === 0 ? (
        <p className="empty">지정 이력이 없습니다.</p>
      ) : (
        <ul className="designation-list" data-testid="school-designations">
          {designations.map((d) => (
            <li key={d.id} data-testid={`school-designation-${d.id}`}>
              <span className="designation-type">{d.typeName}</span>
              <span>{formatTerm(d.termStart, d.termEnd)}</span>
              <DesignationStatusBadge status={d.status} />
              {d.renewedFrom !== null && <span className="muted small">재지정</span>}
              {d.status === 'revoked' && d.revokeReason && <span className="muted small">취소 사유: {d.revokeReason}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
