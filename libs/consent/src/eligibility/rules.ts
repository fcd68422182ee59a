/*
 * The eligibility decision for a student's direct use of a generative-AI service, as the office's
 * guide (생성형 AI 교육적 활용 가이드) and the law set it:
 *
 * - elementary school: no direct use by students at all, whatever the consent (teacher-led only);
 * - the service must allow the student's school level, and the student must be at least the
 *   service's minimum age (e.g. 13 for OpenAI's services);
 * - a guardian's consent is needed below the age the service's terms name (under 18 for OpenAI),
 *   and below 14 whenever the service receives personal data (개인정보 보호법 제22조의2);
 * - when needed, the latest consent record for the service must be a grant to the notice version
 *   now in force, within its validity; a later withdrawal or refusal, or a grant to an older
 *   version, does not count;
 * - under 14 (or when the age is unknown) that grant must come from a legal guardian (법정대리인:
 *   a parent, or a guardian such as a court-appointed 후견인), not from another carer
 *   (개인정보 보호법 제22조의2).
 *
 * Every rule is reported, passed or not, so a teacher sees all that stands in the way at once.
 */

import { seoulDate } from '@app/core/time/seoul-time';
import { GUARDIAN_RELATION_LABEL, GuardianRelation, LEGAL_GUARDIANS } from '../guardian-relation';

export type SchoolLevel = 'elementary' | 'middle' | 'high' | 'special';

/** PIPA art. 22-2: personal data of a child under 14 needs a legal guardian's consent. */
export const PIPA_CHILD_AGE = 14;

export interface ServiceRules {
  minAge: number;
  consentUnderAge: number;
  personalData: readonly string[];
  allowedLevels: readonly SchoolLevel[];
  active: boolean;
}

export interface ConsentState {
  decision: 'granted' | 'refused' | 'withdrawn';
  noticeId: number;
  decidedAt: string;
  guardianRelation: GuardianRelation;
}

export interface CurrentNotice {
  id: number;
  version: number;
  /** The last day the notice's consents count (YYYY-MM-DD). */
  validUntil: string;
}

export interface EligibilityInput {
  /** YYYY-MM-DD, the day of use. */
  date: string;
  level: SchoolLevel;
  /** YYYY-MM, null when the school has not recorded it. */
  birthMonth: string | null;
  service: ServiceRules;
  /** The notice in force for the service on that day, null if none has been published. */
  notice: CurrentNotice | null;
  /** The student's latest consent record for the service on or before that day. */
  latest: ConsentState | null;
}

export type RuleName = 'service_active' | 'school_level' | 'minimum_age' | 'guardian_consent';

export interface RuleResult {
  rule: RuleName;
  passed: boolean;
  /** Korean, shown to teachers as is. */
  message: string;
}

export interface EligibilityDecision {
  allowed: boolean;
  age: number | null;
  consentRequired: boolean | null;
  reasons: RuleResult[];
}

const LEVEL_NAME: Record<SchoolLevel, string> = { elementary: '초등학교', middle: '중학교', high: '고등학교', special: '특수학교' };

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Age in full years (만 나이) on `date`. Only the birth month is known, so the birthday is taken
 * as the last day of that month: the age is never overstated, and a minimum age is never passed early.
 */
export function ageOn(date: string, birthMonth: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [by, bm] = birthMonth.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= lastDayOfMonth(y, bm));
  return y - by - (hadBirthday ? 0 : 1);
}

export function decideEligibility(input: EligibilityInput): EligibilityDecision {
  const reasons: RuleResult[] = [];
  const { service } = input;
  reasons.push(
    service.active
      ? { rule: 'service_active', passed: true, message: '사용 가능한 서비스로 등록되어 있습니다.' }
      : { rule: 'service_active', passed: false, message: '사용이 중지된 서비스입니다.' },
  );
  if (input.level === 'elementary') {
    reasons.push({ rule: 'school_level', passed: false, message: '초등학생은 생성형 AI를 직접 사용하지 않습니다 (교사 주도 활용만 가능).' });
  } else if (!service.allowedLevels.includes(input.level)) {
    reasons.push({ rule: 'school_level', passed: false, message: `이 서비스는 ${LEVEL_NAME[input.level]}에서 사용하도록 허용되지 않았습니다.` });
  } else {
    reasons.push({ rule: 'school_level', passed: true, message: `${LEVEL_NAME[input.level]} 학생은 교사의 지도하에 직접 사용할 수 있습니다.` });
  }

  const age = input.birthMonth ? ageOn(input.date, input.birthMonth) : null;
  if (age === null) {
    reasons.push({ rule: 'minimum_age', passed: false, message: '생년월이 기록되지 않아 사용 가능 연령을 확인할 수 없습니다.' });
  } else if (age < service.minAge) {
    reasons.push({ rule: 'minimum_age', passed: false, message: `만 ${age}세로, 이 서비스의 최소 사용 연령(만 ${service.minAge}세)에 이르지 않았습니다.` });
  } else {
    reasons.push({ rule: 'minimum_age', passed: true, message: `만 ${age}세로, 최소 사용 연령(만 ${service.minAge}세) 이상입니다.` });
  }

  const consentRequired = age === null ? null : age < service.consentUnderAge || (service.personalData.length > 0 && age < PIPA_CHILD_AGE);
  reasons.push(consentRule(input, age, consentRequired));
  return { allowed: reasons.every((r) => r.passed), age, consentRequired, reasons };
}

function consentRule(input: EligibilityInput, age: number | null, required: boolean | null): RuleResult {
  const rule = 'guardian_consent' as const;
  if (required === false) return { rule, passed: true, message: `만 ${age}세는 이 서비스에 보호자 동의가 필요하지 않습니다.` };
  const why = required === null ? '연령을 알 수 없어 보호자 동의가 있어야 합니다' : `만 ${age}세는 보호자 동의가 필요합니다`;
  const { notice, latest } = input;
  if (!notice) return { rule, passed: false, message: `${why}. 현재 유효한 동의 안내문이 없습니다.` };
  if (!latest) return { rule, passed: false, message: `${why}. 동의 기록이 없습니다.` };
  if (latest.decision === 'withdrawn') return { rule, passed: false, message: `${why}. 보호자가 동의를 철회했습니다 (${seoulDate(latest.decidedAt)}).` };
  if (latest.decision === 'refused') return { rule, passed: false, message: `${why}. 보호자가 동의하지 않았습니다.` };
  if ((age === null || age < PIPA_CHILD_AGE) && !LEGAL_GUARDIANS.has(latest.guardianRelation)) {
    const who = age === null ? '연령을 알 수 없어 만 14세 미만으로 보며' : `만 ${age}세는 만 14세 미만으로`;
    return {
      rule,
      passed: false,
      message: `${who}, 법정대리인(부모 또는 후견인 등)의 동의만 유효합니다 (개인정보 보호법 제22조의2). 기록된 동의는 ${GUARDIAN_RELATION_LABEL[latest.guardianRelation]}의 동의입니다.`,
    };
  }
  if (latest.noticeId !== notice.id) return { rule, passed: false, message: `${why}. 이전 안내문에 대한 동의입니다; 새 안내문(${notice.version}판)에 다시 동의를 받아야 합니다.` };
  if (input.date > notice.validUntil) return { rule, passed: false, message: `${why}. 동의 유효 기간(${notice.validUntil})이 지났습니다.` };
  return { rule, passed: true, message: `보호자 동의가 있습니다 (${seoulDate(latest.decidedAt)}, 안내문 ${notice.version}판).` };
}
