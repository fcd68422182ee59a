// Korean wording and number formats of the literacy (AI·디지털 리터러시 진단검사) pages.
import type { AreaJudgement, CityReportBy, DifGroup, EtsCategory, LinkAnchor, LiteracyDif, LiteracyItemType, LiteracyLink, LiteracyPhase, ReviewReason } from '../../api/models';
import { LEVEL_LABEL } from '../../labels';
import type { ReasonRule } from '../../components/FileImport';

export const PHASE_LABEL: Record<LiteracyPhase, string> = { pilot: '예비검사', main: '본검사' };

export const ITEM_TYPE_LABEL: Record<LiteracyItemType, string> = { dichotomous: '정답형(0/1)', partial: '부분점수' };

export const FLAG_LABEL: Record<ReviewReason, string> = {
  'low-discrimination': '변별도 낮음',
  'too-easy': '너무 쉬움',
  'too-hard': '너무 어려움',
  'no-variance': '점수 변화 없음',
  'no-answers': '응답 없음',
};

/** Why the Rasch fit left an item out. */
export const RASCH_EXCLUDED_LABEL: Record<string, string> = {
  dropped: '채점 제외',
  'no-responses': '응답 없음',
  extreme: '전원 정답 또는 전원 오답',
  'unobserved-category': '나오지 않은 점수 단계',
};

export const JUDGEMENT_LABEL: Record<AreaJudgement, string> = { strength: '강점', weakness: '보완 필요', typical: '보통' };

export const CITY_BY_LABEL: Record<CityReportBy, string> = { office: '교육지원청별', district: '자치구별', level: '학교급별' };

/** How a withheld group reads wherever its figures would be. */
export const SUPPRESSED_TEXT = '비공개 (5명 미만)';

/** 초5, 중2, 고1 from the year of schooling 1–12. */
export function gradeLabel(grade: number): string {
  if (grade <= 6) return `초${grade}`;
  if (grade <= 9) return `중${grade - 6}`;
  return `고${grade - 9}`;
}

/** The grades an assessment can be for, 초1 … 고3. */
export const GRADE_OPTIONS: Record<string, string> = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`g${i + 1}`, gradeLabel(i + 1)]));

const fixed = (value: number | null | undefined, digits: number): string => (value === null || value === undefined ? '-' : value.toFixed(digits));

/** A percent score (0–100), e.g. "72.5점". */
export const formatPoints = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : `${fixed(value, 1)}점`);

/** A statistic such as SD, alpha or a correlation. */
export const formatStat = (value: number | null | undefined, digits = 2): string => fixed(value, digits);

/** A proportion 0–1 as a percentage, e.g. facility 0.62 → "62.0%". */
export const formatRatio = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : `${(value * 100).toFixed(1)}%`);

export const formatCount = (n: number): string => n.toLocaleString('ko-KR');

/** The result file's column names in Korean. */
const RESULT_COLUMN_LABEL: Record<string, string> = {
  student_id: '학생 ID',
  school_id: '학교',
  neis_school_code: '학교코드',
  school_code: '학교코드',
  grade: '학년',
  class: '반',
  form: '검사지',
};

export const resultColumnLabel = (column: string | undefined): string => {
  if (!column) return '-';
  const ko = RESULT_COLUMN_LABEL[column];
  return ko ? `${column} (${ko})` : column;
};

/** The result import's reasons (libs/literacy/src/results) in Korean. */
export const RESULT_REASONS: ReasonRule[] = [
  [/^the student id is empty$/, () => '학생 ID가 비어 있습니다.'],
  [/^a student id uses letters/, () => '학생 ID는 영문·숫자·_ . - 로 40자까지 씁니다(이름은 쓰지 않습니다).'],
  [/^no school with code (.*)$/, (v) => `학교코드 ${v}인 학교가 없습니다.`],
  [/^the school is missing$/, () => '학교가 비어 있습니다.'],
  [/^you may not import results of this school$/, () => '이 학교의 결과를 올릴 권한이 없습니다.'],
  [/^the grade must be a whole number$/, () => '학년은 정수여야 합니다.'],
  [/^grade (\d+) at this school is not the assessment's grade$/, (g) => `이 학교의 ${g}학년은 이 검사의 대상 학년이 아닙니다.`],
  [/^the class must be a whole number from 1 to 99$/, () => '반은 1~99의 정수여야 합니다.'],
  [/^unknown form (.*); one of (.*)$/, (f, all) => `검사지 ${f}은(는) 없습니다(${all} 중 하나).`],
  [/^(.*) is not an option of (\S+) \((.*)\)$/, (v, item, all) => `${v}은(는) ${item}의 선택지(${all})가 아닙니다.`],
  [/^the score is not a number$/, () => '점수가 숫자가 아닙니다.'],
  [/^score (\S+) is not a whole number$/, (v) => `점수 ${v}은(는) 정수가 아닙니다.`],
  [/^score (\S+) is outside 0\.\.(\d+)$/, (v, max) => `점수 ${v}은(는) 0~${max} 범위를 벗어납니다.`],
  [/^the same student appears on row (\d+)$/, (r) => `${r}행과 같은 학생입니다.`],
  [/^missing column \((.*)\)$/, (names) => `필수 열이 없습니다(${names}).`],
  [/^not an item of this assessment nor a known column$/, () => '이 검사의 문항도, 알려진 열도 아닙니다.'],
  [/^the item has no column$/, () => '이 문항의 열이 없습니다.'],
  [/^not an item of this assessment$/, () => '이 검사의 문항이 아닙니다.'],
];

// 문항 적합도, DIF, 연계·동등화, 연도별 추이 (issue 18)

/** The infit/outfit mean-square range an item should fall in. */
export const FIT_RANGE = [0.7, 1.3] as const;

/** Whether an infit or outfit mean square lies outside 0.7–1.3. */
export const fitOutOfRange = (value: number | null | undefined): boolean => value !== null && value !== undefined && (value < FIT_RANGE[0] || value > FIT_RANGE[1]);

export const DIF_GROUP_LABEL: Record<DifGroup, string> = { sex: '성별', schoolLevel: '학교급', districtOffice: '교육지원청' };

/** ETS's DIF categories: A negligible, B moderate, C large (− favours the reference group, + the focal group). */
export const ETS_LABEL: Record<EtsCategory, string> = {
  A: 'A: 무시할 수준',
  'B-': 'B−: 보통 (비교집단에 불리)',
  'B+': 'B+: 보통 (비교집단에 유리)',
  'C-': 'C−: 큼 (비교집단에 불리)',
  'C+': 'C+: 큼 (비교집단에 유리)',
};

export const DIF_REASON_LABEL: Record<NonNullable<LiteracyDif['reason']>, string> = {
  dropped: '채점 제외 문항',
  polytomous: '부분점수 문항 (계산하지 않음)',
  'group-too-small': '집단 100명 미만',
  'no-variation': '점수 변화 없음',
};

/** A DIF comparison's groups in Korean: 남/여, 학교급, an office's name or 나머지 지역. */
export function difGroupName(code: string, officeName: (code: string) => string): string {
  if (code === 'M') return '남학생';
  if (code === 'F') return '여학생';
  if (code === 'others') return '그 밖의 지역';
  if (code in LEVEL_LABEL) return LEVEL_LABEL[code as keyof typeof LEVEL_LABEL];
  return officeName(code);
}

export const LINK_METHOD_LABEL: Record<NonNullable<LiteracyLink['method']>, string> = { 'fixed-parameter': '고정모수 보정 (앵커 문항 난이도 고정, MML)' };

export const DRIFT_RULE_LABEL: Record<LinkAnchor['rules'][number], string> = { displacement: '|Δb| > 0.5', 'robust-z': '|강건 z| > 2.7' };

/** A signed logit value, e.g. "+0.52" or "−0.31". */
export const formatSigned = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? '-' : `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(digits)}`;

/** A scale score (e.g. 512.3). */
export const formatScale = (value: number | null | undefined): string => fixed(value, 1);
