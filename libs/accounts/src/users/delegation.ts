/*
 * Delegated administration of accounts, as the office runs it:
 *
 * - a city administrator (교육청) manages every account;
 * - a district administrator (교육지원청) manages the principals and teachers of their office's schools,
 *   and may not create administrators;
 * - a principal (학교장) manages their own school's teachers;
 * - teachers manage no one.
 *
 * Nobody acts on an account of a higher or equal role except city administrators; nobody gives an
 * account a role above their own reach or places it outside their own scope. Nobody disables
 * themselves or changes their own role or scope (that is how the last administrator locks the door).
 * Every rule is reported with its reason, so a refusal says exactly what stands in the way.
 */
import { Role, ROLE_RANK } from '@app/core';

/** An account's place: its role, and its school or office (for a school role, the school's office). */
export interface AccountPlace {
  role: Role;
  schoolId: number | null;
  office: string | null;
}

export interface Actor extends AccountPlace {
  id: string;
}

export type DelegationRule = 'manages_accounts' | 'target_within_reach' | 'role_within_reach' | 'scope_within_reach' | 'not_self';

export interface DelegationRefusal {
  rule: DelegationRule;
  reason: string;
}

/** The roles an actor may give (and so create, or act on). */
export function assignableRoles(actor: Pick<Actor, 'role'>): Role[] {
  switch (actor.role) {
    case 'city_admin':
      return ['city_admin', 'district_admin', 'principal', 'teacher'];
    case 'district_admin':
      return ['principal', 'teacher'];
    case 'principal':
      return ['teacher'];
    default:
      return [];
  }
}

/** Whether a place lies within the actor's scope (their office's schools, their own school). */
function placeInScope(actor: Actor, place: AccountPlace): boolean {
  switch (actor.role) {
    case 'city_admin':
      return true;
    case 'district_admin':
      return place.office !== null && place.office === actor.office;
    case 'principal':
      return place.schoolId !== null && place.schoolId === actor.schoolId;
    default:
      return false;
  }
}

/** May the actor act on this existing account at all (see it in their list, edit, disable, reset)? */
export function checkManage(actor: Actor, target: AccountPlace & { id: string }): DelegationRefusal[] {
  if (assignableRoles(actor).length === 0) return [{ rule: 'manages_accounts', reason: `${actor.role} does not manage accounts` }];
  const out: DelegationRefusal[] = [];
  if (actor.role !== 'city_admin' && ROLE_RANK[target.role] >= ROLE_RANK[actor.role]) {
    out.push({ rule: 'target_within_reach', reason: `a ${actor.role} may not act on a ${target.role} account` });
  } else if (!assignableRoles(actor).includes(target.role) || !placeInScope(actor, target)) {
    out.push({ rule: 'target_within_reach', reason: 'the account belongs outside your scope' });
  }
  return out;
}

/** May the actor give an account this place (creating it, or changing its role or scope)? */
export function checkAssign(actor: Actor, place: AccountPlace): DelegationRefusal[] {
  const out: DelegationRefusal[] = [];
  if (!assignableRoles(actor).includes(place.role)) {
    out.push({ rule: 'role_within_reach', reason: `a ${actor.role} may not give the role ${place.role}` });
  } else if (!placeInScope(actor, place)) {
    out.push({ rule: 'scope_within_reach', reason: actor.role === 'principal' ? 'only your own school' : "only your office's schools" });
  }
  return out;
}

/** An edit of an existing account: the actor must reach it now and reach what it becomes. */
export function checkChange(
  actor: Actor,
  target: AccountPlace & { id: string },
  change: { place?: AccountPlace; status?: 'active' | 'disabled' },
): DelegationRefusal[] {
  const self = target.id === actor.id;
  const placeChanges = change.place !== undefined && (change.place.role !== target.role || change.place.schoolId !== target.schoolId || change.place.office !== target.office);
  if (self && (placeChanges || change.status === 'disabled')) {
    return [{ rule: 'not_self', reason: 'you may not disable your own account or change your own role or scope' }];
  }
  // Anyone may edit their own name (through /auth/me as well).
  if (self && !placeChanges) return [];
  const out = checkManage(actor, target);
  if (out.length === 0 && placeChanges) out.push(...checkAssign(actor, change.place!));
  return out;
}
