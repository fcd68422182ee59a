/**
 * The survey the surveys benchmark answers: a satisfaction template with every aggregated question
 * type (likert5, single, multiple, numeric, ranking, short and long text, one conditional question), and a
 * deterministic generator of valid answers to it, already in the form the product stores
 * (`validateAnswers(...).cleaned`: template order, selections in option order, trimmed text),
 * seeded (mulberry32, `rng`) so every run sends and loads the same answers.
 * Shared by the benchmark and its autocannon request module, which runs in a worker thread.
 */
import { rng } from '@app/literacy/analysis/simulate.fixture';
import type { SurveyTemplate } from '@app/surveys/engine';

const options = (pairs: [string, string][]) => pairs.map(([value, label]) => ({ value, label }));

export const BENCH_TEMPLATE: SurveyTemplate = {
  title: '2026 AI 교육 만족도 조사 (학생)',
  sections: [
    {
      id: 'class',
      title: '수업 경험',
      questions: [
        { id: 'satisfied', text: 'AI 활용 수업에 전반적으로 만족한다', required: true, type: 'likert5' },
        { id: 'helpful', text: 'AI 활용 수업이 학습에 도움이 되었다', required: true, type: 'likert5' },
        { id: 'ethics', text: 'AI 윤리(개인정보, 저작권, 책임 있는 사용)를 충분히 배웠다', required: true, type: 'likert5' },
        {
          id: 'tool', text: '가장 자주 사용한 AI 도구', required: true, type: 'single',
          options: options([['dtext', 'AI 디지털교과서'], ['chatbot', '생성형 AI 챗봇'], ['coding', '코딩·피지컬 컴퓨팅 교구'], ['other', '기타']]),
        },
        {
          id: 'areas', text: '도움이 된 교과 (최대 3개)', required: false, type: 'multiple', maxSelections: 3,
          options: options([['korean', '국어'], ['math', '수학'], ['english', '영어'], ['science', '과학'], ['art', '예술·창작'], ['career', '진로']]),
        },
      ],
    },
    {
      id: 'env',
      title: '이용 환경',
      questions: [
        { id: 'class_hours', text: '지난 한 달 동안 AI를 활용한 수업 시간 (시간)', required: true, type: 'numeric', min: 0, max: 20, integer: true },
        { id: 'home', text: '가정에서 AI 학습 도구를 이용하나요?', required: true, type: 'single', options: options([['yes', '예'], ['no', '아니요']]) },
        {
          id: 'home_minutes', text: '가정에서 하루 평균 이용 시간 (분)', required: true, type: 'numeric', min: 0, max: 300, integer: true,
          showIf: { questionId: 'home', operator: 'equals', value: 'yes' },
        },
        { id: 'device', text: '학교의 기기·네트워크 환경에 만족한다', required: false, type: 'likert5' },
      ],
    },
    {
      id: 'opinion',
      title: '의견',
      questions: [
        {
          id: 'priorities', text: '앞으로 더 필요한 지원 (중요한 순서대로)', required: false, type: 'ranking',
          options: options([['devices', '기기·네트워크 확충'], ['lessons', 'AI 활용 수업 자료'], ['ethics', 'AI 윤리 교육'], ['help', '방과 후 학습 지원']]),
        },
        { id: 'best', text: '가장 좋았던 점', required: false, type: 'short_text' },
        { id: 'suggestion', text: '건의 사항', required: false, type: 'long_text' },
      ],
    },
  ],
};

const AREAS = ['korean', 'math', 'english', 'science', 'art', 'career'];
const PRIORITIES = ['devices', 'lessons', 'ethics', 'help'];
const BEST = ['궁금한 것을 바로 물어볼 수 있었다', '글쓰기 피드백이 도움이 되었다', '수학 문제 풀이 과정을 이해했다', '코딩 수업이 재미있었다', '영어 말하기 연습', '그림 그리기', '발표 자료 만들기', '모르는 단어 찾기'];
const SUGGESTION = [
  '태블릿 충전이 안 되어 있는 경우가 많아 수업 전에 확인해 주셨으면 좋겠습니다.',
  '와이파이가 자주 끊겨서 AI 프로그램이 멈출 때가 있습니다. 교실 네트워크를 개선해 주세요.',
  'AI가 틀린 답을 말할 때도 있어서 선생님이 확인하는 방법을 더 알려 주시면 좋겠습니다.',
  '개인정보를 입력하지 말라는 안내를 수업마다 다시 해 주시면 좋겠습니다.',
  '방과 후에도 학교에서 AI 학습 도구를 쓸 수 있으면 좋겠어요.',
];

/** How a school's respondents lean: a shift of its Likert answers and how many use AI at home. */
export interface SchoolLean {
  shift: number;
  home: number;
}

export const NEUTRAL: SchoolLean = { shift: 0, home: 0.6 };

export function schoolLean(random: () => number): SchoolLean {
  return { shift: (random() - 0.5) * 1.2, home: 0.35 + random() * 0.5 };
}

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const likert = (random: () => number, shift: number) => Math.min(5, Math.max(1, Math.round(3.6 + shift + (random() + random() + random() - 1.5) * 1.7)));

/** One respondent's answers: every required question, the optional ones now and then. */
export function surveyAnswers(random: () => number, lean: SchoolLean = NEUTRAL): Record<string, number | string | string[]> {
  const a: Record<string, number | string | string[]> = {};
  a.satisfied = likert(random, lean.shift);
  a.helpful = likert(random, lean.shift - 0.2);
  a.ethics = likert(random, lean.shift - 0.5);
  a.tool = random() < 0.45 ? 'dtext' : random() < 0.6 ? 'chatbot' : random() < 0.7 ? 'coding' : 'other';
  if (random() < 0.8) {
    const ticked = AREAS.filter(() => random() < 0.3).slice(0, 3);
    if (ticked.length) a.areas = ticked;
  }
  a.class_hours = Math.min(20, Math.floor(random() * random() * 21));
  const home = random() < lean.home;
  a.home = home ? 'yes' : 'no';
  if (home) a.home_minutes = Math.min(300, 10 * Math.floor(random() * random() * 13));
  if (random() < 0.85) a.device = likert(random, lean.shift - 0.3);
  if (random() < 0.5) a.priorities = PRIORITIES.map((v, i) => ({ v, at: i + random() * 2.5 })).sort((x, y) => x.at - y.at).map((x) => x.v);
  if (random() < 0.3) a.best = pick(random, BEST);
  if (random() < 0.12) a.suggestion = pick(random, SUGGESTION);
  return a;
}

/** The submissions of one run: request n uses code `<prefix>x<n, 7 digits>` (no two runs' codes normalise to one hash). */
export interface SubmitContext {
  prefix: string;
}
export const submitCode = (prefix: string, n: number) => `${prefix}x${String(n).padStart(7, '0')}`;
export const submitPath = (code: string) => `/api/v1/surveys/respond/${code}/submit`;
/** The answers of submission n: the same for every path and run. */
export const submitAnswers = (n: number) => surveyAnswers(rng(n + 1));
