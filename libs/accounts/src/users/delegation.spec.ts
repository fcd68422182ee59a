import { Actor, assignableRoles, checkAssign, checkChange, checkManage } from './delegation';

const city: Actor = { id: 'c1', role: 'city_admin', schoolId: null, office: null };
const gangnam: Actor = { id: 'd1', role: 'district_admin', schoolId: null, office: 'gangnam-seocho' };
const principal: Actor = { id: 'p1', role: 'principal', schoolId: 10, office: 'gangnam-seocho' };
const teacher: Actor = { id: 't1', role: 'teacher', schoolId: 10, office: 'gangnam-seocho' };

const account = (id: string, role: Actor['role'], schoolId: number | null, office: string | null) => ({ id, role, schoolId, office });
const ownTeacher = account('x1', 'teacher', 10, 'gangnam-seocho');
const otherSchoolTeacher = account('x2', 'teacher', 11, 'gangnam-seocho');
const otherOfficeTeacher = account('x3', 'teacher', 20, 'dongbu');
const ownPrincipal = account('x4', 'principal', 10, 'gangnam-seocho');
const otherDistrictAdmin = account('x5', 'district_admin', null, 'gangnam-seocho');
const otherCityAdmin = account('x6', 'city_admin', null, null);

const rules = (r: { rule: string }[]) => r.map((x) => x.rule);

describe('who manages whom', () => {
  it('gives each role the roles below its reach', () => {
    expect(assignableRoles(city)).toEqual(['city_admin', 'district_admin', 'principal', 'teacher']);
    expect(assignableRoles(gangnam)).toEqual(['principal', 'teacher']);
    expect(assignableRoles(principal)).toEqual(['teacher']);
    expect(assignableRoles(teacher)).toEqual([]);
  });

  it('lets a city admin act on every account, other city admins included', () => {
    for (const t of [ownTeacher, otherOfficeTeacher, ownPrincipal, otherDistrictAdmin, otherCityAdmin]) expect(checkManage(city, t)).toEqual([]);
  });

  it("lets a district admin act on their office's principals and teachers only", () => {
    expect(checkManage(gangnam, ownTeacher)).toEqual([]);
    expect(checkManage(gangnam, ownPrincipal)).toEqual([]);
    expect(rules(checkManage(gangnam, otherOfficeTeacher))).toEqual(['target_within_reach']);
    // Equal and higher roles are out of reach, even in the same office.
    expect(rules(checkManage(gangnam, otherDistrictAdmin))).toEqual(['target_within_reach']);
    expect(rules(checkManage(gangnam, otherCityAdmin))).toEqual(['target_within_reach']);
  });

  it("lets a principal act on their own school's teachers only", () => {
    expect(checkManage(principal, ownTeacher)).toEqual([]);
    expect(rules(checkManage(principal, otherSchoolTeacher))).toEqual(['target_within_reach']);
    expect(rules(checkManage(principal, ownPrincipal))).toEqual(['target_within_reach']);
    expect(rules(checkManage(principal, otherDistrictAdmin))).toEqual(['target_within_reach']);
  });

  it('lets a teacher act on nobody', () => {
    expect(rules(checkManage(teacher, ownTeacher))).toEqual(['manages_accounts']);
  });
});

describe('what an account may become', () => {
  it('refuses to give a role above the actor’s reach', () => {
    expect(rules(checkAssign(gangnam, { role: 'district_admin', schoolId: null, office: 'gangnam-seocho' }))).toEqual(['role_within_reach']);
    expect(rules(checkAssign(gangnam, { role: 'city_admin', schoolId: null, office: null }))).toEqual(['role_within_reach']);
    expect(rules(checkAssign(principal, { role: 'principal', schoolId: 10, office: 'gangnam-seocho' }))).toEqual(['role_within_reach']);
  });

  it('refuses to place an account outside the actor’s scope', () => {
    expect(rules(checkAssign(gangnam, { role: 'teacher', schoolId: 20, office: 'dongbu' }))).toEqual(['scope_within_reach']);
    expect(rules(checkAssign(principal, { role: 'teacher', schoolId: 11, office: 'gangnam-seocho' }))).toEqual(['scope_within_reach']);
    expect(checkAssign(gangnam, { role: 'principal', schoolId: 11, office: 'gangnam-seocho' })).toEqual([]);
    expect(checkAssign(city, { role: 'district_admin', schoolId: null, office: 'dongbu' })).toEqual([]);
  });

  it('refuses moving an account out of scope, raising it, or taking one in from outside', () => {
    // A district admin moving their teacher to another office's school.
    expect(rules(checkChange(gangnam, ownTeacher, { place: { role: 'teacher', schoolId: 20, office: 'dongbu' } }))).toEqual(['scope_within_reach']);
    // A principal promoting their teacher to principal.
    expect(rules(checkChange(principal, ownTeacher, { place: { role: 'principal', schoolId: 10, office: 'gangnam-seocho' } }))).toEqual(['role_within_reach']);
    // A district admin pulling another office's teacher into their office.
    expect(rules(checkChange(gangnam, otherOfficeTeacher, { place: { role: 'teacher', schoolId: 10, office: 'gangnam-seocho' } }))).toEqual(['target_within_reach']);
    // Allowed: a district admin making their teacher a principal of another of their schools.
    expect(checkChange(gangnam, ownTeacher, { place: { role: 'principal', schoolId: 11, office: 'gangnam-seocho' } })).toEqual([]);
  });

  it('refuses disabling oneself or changing one’s own role or scope, even for a city admin', () => {
    expect(rules(checkChange(city, { ...city }, { status: 'disabled' }))).toEqual(['not_self']);
    expect(rules(checkChange(city, { ...city }, { place: { role: 'teacher', schoolId: 10, office: 'gangnam-seocho' } }))).toEqual(['not_self']);
    expect(rules(checkChange(principal, { ...principal }, { place: { role: 'principal', schoolId: 11, office: 'gangnam-seocho' } }))).toEqual(['not_self']);
    // Renaming oneself is fine for anyone.
    expect(checkChange(teacher, { ...teacher }, {})).toEqual([]);
  });

  it('lets a principal disable and re-enable their own teacher but not another school’s', () => {
    expect(checkChange(principal, ownTeacher, { status: 'disabled' })).toEqual([]);
    expect(checkChange(principal, ownTeacher, { status: 'active' })).toEqual([]);
    expect(rules(checkChange(principal, otherSchoolTeacher, { status: 'disabled' }))).toEqual(['target_within_reach']);
  });
});
