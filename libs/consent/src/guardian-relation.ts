/**
 * Who gave (or refused, or withdrew) a consent, as a closed set: under 14 only a legal guardian
 * (법정대리인) can consent for a child (개인정보 보호법 제22조의2), so "who" decides whether the
 * consent counts. Parents are legal guardians by parental authority (친권, 민법 제909조); a
 * court-appointed guardian (후견인) or another legal representative also is; a grandparent or
 * relative the child lives with, without a court's appointment, is not.
 */
export const GUARDIAN_RELATIONS = ['father', 'mother', 'legal_representative', 'other_guardian'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

export const LEGAL_GUARDIANS: ReadonlySet<GuardianRelation> = new Set(['father', 'mother', 'legal_representative']);

/** As printed on the slip and shown in the history. */
export const GUARDIAN_RELATION_LABEL: Record<GuardianRelation, string> = {
  father: '부',
  mother: '모',
  legal_representative: '법정대리인(후견인 등)',
  other_guardian: '기타 보호자',
};

/** The words people write in a slip's 보호자 관계 box, and the codes themselves. */
const WRITTEN: Record<string, GuardianRelation> = {
  ...Object.fromEntries(GUARDIAN_RELATIONS.map((r) => [r, r])),
  부: 'father',
  아버지: 'father',
  부친: 'father',
  모: 'mother',
  어머니: 'mother',
  모친: 'mother',
  법정대리인: 'legal_representative',
  후견인: 'legal_representative',
  미성년후견인: 'legal_representative',
  '법정대리인(후견인등)': 'legal_representative',
  기타보호자: 'other_guardian',
  기타: 'other_guardian',
};

/** A relation as written on a returned slip; undefined when it is none of the four. */
export function relationFromText(text: string): GuardianRelation | undefined {
  return WRITTEN[text.replace(/\s/g, '').toLowerCase()];
}
