import type { Audience, CampaignStatus, QuestionType, ReportLevel, ShowIfOperator, SurveyKind } from '../../api/models';

export const AUDIENCE_LABEL: Record<Audience, string> = {
  school: '학교(학교장 응답)',
  students: '학생',
  parents: '학부모',
  teachers: '교원',
};

export const CAMPAIGN_STATUS_LABEL: Record<CampaignStatus, string> = {
  scheduled: '예정',
  open: '진행 중',
  closed: '마감',
};

export const KIND_LABEL: Record<SurveyKind, string> = {
  status: '실태조사',
  satisfaction: '만족도 조사',
  demand: '수요조사',
  ethics: 'AI 윤리 준수 조사',
};

export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  likert5: '5점 척도',
  single: '단일 선택',
  multiple: '복수 선택',
  numeric: '숫자',
  short_text: '단답형',
  long_text: '서술형',
  ranking: '순위',
};

export const OPERATOR_LABEL: Record<ShowIfOperator, string> = {
  equals: '이(가) 다음과 같을 때',
  not_equals: '이(가) 다음이 아닐 때',
  includes: '에 다음이 포함될 때',
  gte: '이(가) 다음 이상일 때',
  lte: '이(가) 다음 이하일 때',
};

/** Operators a condition may use, by the type of the question it looks at: the engine's own table. */
export { OPERATORS_BY_TYPE } from '../../../../../libs/surveys/src/engine/template';

/** The five points of a Likert question, 1 (전혀 그렇지 않다) to 5 (매우 그렇다). */
export const LIKERT_LABEL: Record<string, string> = {
  '1': '전혀 그렇지 않다',
  '2': '그렇지 않다',
  '3': '보통이다',
  '4': '그렇다',
  '5': '매우 그렇다',
};

export const REPORT_LEVEL_LABEL: Record<ReportLevel, string> = {
  city: '시 전체',
  office: '교육지원청',
  district: '자치구',
  school: '학교',
};

/** Korean names of the fields the surveys API reports in errors. */
export const SURVEY_FIELD_LABEL: Record<string, string> = {
  templateId: '설문 템플릿',
  version: '버전',
  title: '설문 제목',
  audience: '응답 대상',
  grades: '학년',
  opensAt: '시작 일시',
  closesAt: '마감 일시',
  target: '대상 학교',
  'target.offices': '대상 교육지원청',
  'target.districts': '대상 자치구',
  'target.levels': '대상 학교급',
  'target.designationType': '지정 유형',
  'target.schoolIds': '대상 학교',
  codesPerSchool: '학교별 응답 코드 수',
  reminderThreshold: '독려 기준 응답률',
  count: '코드 수',
  kind: '설문 종류',
  definition: '설문 내용',
  sections: '영역',
  questions: '문항',
  options: '보기',
  answers: '응답',
};

/** A campaign's audience with its grades, e.g. 학부모 (5·6학년). */
export function audienceText(audience: Audience, grades: readonly number[] = []): string {
  return grades.length ? `${AUDIENCE_LABEL[audience]} (${grades.join('·')}학년)` : AUDIENCE_LABEL[audience];
}
