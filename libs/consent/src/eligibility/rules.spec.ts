import { GUARDIAN_RELATIONS, relationFromText } from '../guardian-relation';
import { ageOn, decideEligibility, EligibilityInput, ServiceRules } from './rules';

const OPENAI: ServiceRules = { minAge: 13, consentUnderAge: 18, personalData: ['계정 정보', '입력 내용'], allowedLevels: ['middle', 'high'], active: true };
const NOTICE = { id: 2, version: 2, validUntil: '2027-02-28' };
const base: EligibilityInput = {
  date: '2026-09-01', level: 'middle', birthMonth: '2011-03', service: OPENAI, notice: NOTICE,
  latest: { decision: 'granted', noticeId: 2, decidedAt: '2026-03-10T09:00:00Z', guardianRelation: 'mother' },
};
const failed = (input: EligibilityInput) => decideEligibility(input).reasons.filter((r) => !r.passed).map((r) => r.rule);

describe('ageOn (만 나이 from year and month)', () => {
  it('counts the birthday at the end of the birth month, never early', () => {
    expect(ageOn('2026-03-30', '2013-03')).toBe(12);
    expect(ageOn('2026-03-31', '2013-03')).toBe(13);
    expect(ageOn('2026-04-01', '2013-03')).toBe(13);
    expect(ageOn('2026-02-28', '2013-03')).toBe(12);
    expect(ageOn('2028-02-29', '2012-02')).toBe(16);
    expect(ageOn('2027-02-27', '2012-02')).toBe(14);
    expect(ageOn('2027-02-28', '2012-02')).toBe(15);
  });
});

describe('decideEligibility', () => {
  it('allows a 15-year-old in middle school with a valid consent to the current notice', () => {
    const d = decideEligibility(base);
    expect(d).toMatchObject({ allowed: true, age: 15, consentRequired: true });
    expect(d.reasons.map((r) => r.rule)).toEqual(['service_active', 'school_level', 'minimum_age', 'guardian_consent']);
  });

  it('refuses elementary students whatever the consent and age', () => {
    expect(failed({ ...base, level: 'elementary' })).toEqual(['school_level']);
    expect(decideEligibility({ ...base, level: 'elementary', birthMonth: '2000-01' }).allowed).toBe(false);
  });

  it('refuses a 12-year-old in middle school for a 13+ service, consent or not', () => {
    expect(failed({ ...base, birthMonth: '2014-01' })).toEqual(['minimum_age']);
  });

  it('refuses a 15-year-old without consent, after a refusal and after a withdrawal', () => {
    expect(failed({ ...base, latest: null })).toEqual(['guardian_consent']);
    expect(failed({ ...base, latest: { ...base.latest!, decision: 'refused' } })).toEqual(['guardian_consent']);
    const withdrawn = decideEligibility({ ...base, latest: { ...base.latest!, decision: 'withdrawn', decidedAt: '2026-08-01T00:00:00Z' } });
    expect(withdrawn.allowed).toBe(false);
    expect(withdrawn.reasons[3].message).toContain('철회');
  });

  it('refuses a consent to an older notice version until the guardian consents again', () => {
    const old = decideEligibility({ ...base, latest: { ...base.latest!, noticeId: 1 } });
    expect(old.allowed).toBe(false);
    expect(old.reasons[3].message).toContain('새 안내문(2판)');
  });

  it('refuses after the notice\'s validity and when no notice is in force', () => {
    expect(failed({ ...base, date: '2027-03-02' })).toEqual(['guardian_consent']);
    expect(failed({ ...base, notice: null })).toEqual(['guardian_consent']);
  });

  it('needs no consent from 18 for OpenAI, but under 14 for any service receiving personal data', () => {
    const adult = decideEligibility({ ...base, level: 'high', birthMonth: '2008-01', latest: null });
    expect(adult).toMatchObject({ allowed: true, age: 18, consentRequired: false });
    const lenient: ServiceRules = { ...OPENAI, minAge: 0, consentUnderAge: 0 };
    expect(decideEligibility({ ...base, service: lenient, birthMonth: '2013-01', latest: null })).toMatchObject({ allowed: false, age: 13, consentRequired: true });
    expect(decideEligibility({ ...base, service: { ...lenient, personalData: [] }, birthMonth: '2013-01', latest: null })).toMatchObject({ allowed: true, consentRequired: false });
  });

  it('refuses a level the service does not allow, an unknown age, and an inactive service, listing every reason', () => {
    expect(failed({ ...base, service: { ...OPENAI, allowedLevels: ['high'] } })).toEqual(['school_level']);
    const unknown = decideEligibility({ ...base, birthMonth: null });
    expect(unknown).toMatchObject({ allowed: false, age: null, consentRequired: null });
    expect(failed({ ...base, birthMonth: null })).toEqual(['minimum_age']);
    expect(failed({ ...base, level: 'elementary', birthMonth: '2015-01', latest: null, service: { ...OPENAI, active: false } })).toEqual(['service_active', 'school_level', 'minimum_age', 'guardian_consent']);
  });

  describe('under 14 only a legal guardian can consent (개인정보 보호법 제22조의2)', () => {
    // On 2026-09-01: born 2013-03 is 13, born 2012-03 is 14.
    const at = (birthMonth: string, guardianRelation: (typeof GUARDIAN_RELATIONS)[number]) =>
      decideEligibility({ ...base, birthMonth, latest: { ...base.latest!, guardianRelation } });

    it.each(GUARDIAN_RELATIONS.map((r) => [r]))('at 13, a grant from %s', (relation) => {
      const d = at('2013-03', relation);
      expect(d.age).toBe(13);
      const consent = d.reasons.find((r) => r.rule === 'guardian_consent')!;
      if (relation === 'other_guardian') {
        expect(d.allowed).toBe(false);
        expect(consent).toMatchObject({ passed: false, message: expect.stringContaining('법정대리인') });
        expect(consent.message).toContain('기타 보호자의 동의');
      } else {
        expect(d.allowed).toBe(true);
        expect(consent.passed).toBe(true);
      }
    });

    it.each(GUARDIAN_RELATIONS.map((r) => [r]))('at 14, a grant from %s counts', (relation) => {
      const d = at('2012-03', relation);
      expect(d).toMatchObject({ allowed: true, age: 14 });
    });

    it('reads the relation as people write it on a slip, and nothing else', () => {
      expect(['부', '아버지', ' 모 ', '어머니', '후견인', '법정대리인', '기타 보호자', 'mother'].map(relationFromText)).toEqual([
        'father', 'father', 'mother', 'mother', 'legal_representative', 'legal_representative', 'other_guardian', 'mother',
      ]);
      expect(['이웃', '할머니', '', 'Mother-in-law'].map(relationFromText)).toEqual([undefined, undefined, undefined, undefined]);
    });
  });
});
