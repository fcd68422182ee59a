import type { User } from '../../api/models';
import { isAdmin } from '../../roles';
import { Link } from 'react-router';

/** The breadcrumb's first step on a call's pages: 공모 관리 (administrators) or 공모 목록. */
export function CallListLink({ user }: { user: User }) {
  return <Link to="/designations/calls">{isAdmin(user) ? '공모 관리' : '공모 목록'}</Link>;
}
