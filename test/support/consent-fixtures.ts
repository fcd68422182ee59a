// Dates and a consent notice for the consent tests (API and browser).
import { schoolYearOf, seoulToday } from '@app/core';

/** The birth month of someone who is `years` old (만) today, counted conservatively (born well before this month). */
export function bornYearsAgo(years: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - 1);
  return `${d.getUTCFullYear() - years}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Today in Seoul, YYYY-MM-DD, and the school year (March to February) it falls in: the product's own helpers. */
export const today = (): string => seoulToday();
export const schoolYear = (): number => schoolYearOf();

/** A consent notice's text (POST /consent/services/:id/notices, with a schoolYear). */
export const NOTICE = {
  purpose: '수업 중 교사의 지도하에 생성형 AI(ChatGPT)를 활용한 글쓰기 피드백 활동',
  dataItems: ['학교 계정 이메일', '수업 중 입력한 내용'],
  retention: '해당 학년도 종료 시까지',
  refusalRight: '동의하지 않을 수 있으며, 동의하지 않는 경우 교사가 제공하는 대체 활동에 참여합니다.',
};

/** The services' row as the consent tests register it: 13+, consent under 18, personal data, middle and high schools. */
export const CHATGPT = { name: 'ChatGPT', provider: 'OpenAI', minAge: 13, consentUnderAge: 18, personalData: ['계정 정보', '입력 내용'], allowedLevels: ['middle', 'high'] };
