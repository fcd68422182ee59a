import type { AuthUser, Role } from '../auth/role';
import { canAccessSchool, schoolScopeSql, SqlParams } from './school-scope';

const user = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({ id: 'u', email: 'e', role, schoolId: null, districtOffice: null, displayName: '', ...extra });
const own = { id: 1, districtOffice: 'gangnam-seocho' };
const sameOffice = { id: 2, districtOffice: 'gangnam-seocho' };
const elsewhere = { id: 3, districtOffice: 'seobu' };

describe('school scope', () => {
  it.each([
    ['city_admin', {}, [true, true, true], [true, true, true]],
    ['district_admin', { districtOffice: 'gangnam-seocho' }, [true, true, false], [true, true, false]],
    ['principal', { schoolId: 1 }, [true, false, false], [true, false, false]],
    ['teacher', { schoolId: 1 }, [true, false, false], [false, false, false]],
  ] as const)('%s may read %j and write %j', (role, extra, reads, writes) => {
    const u = user(role, extra);
    expect([own, sameOffice, elsewhere].map((s) => canAccessSchool(u, s, 'read'))).toEqual(reads);
    expect([own, sameOffice, elsewhere].map((s) => canAccessSchool(u, s, 'write'))).toEqual(writes);
  });

  it('expresses the same rule in SQL with bound parameters', () => {
    const cols = { schoolId: 's.id', office: 'd.office_code' };
    const p = new SqlParams();
    p.add('earlier');
    expect(schoolScopeSql(user('district_admin', { districtOffice: 'seobu' }), p, cols)).toBe('d.office_code = $2');
    expect(schoolScopeSql(user('teacher', { schoolId: 9 }), p, cols)).toBe('s.id = $3');
    expect(schoolScopeSql(user('city_admin'), p, cols)).toBe('TRUE');
    expect(p.values).toEqual(['earlier', 'seobu', 9]);
  });
});
