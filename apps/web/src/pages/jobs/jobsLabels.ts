import type { QueueName } from '../../api/models';

export const QUEUE_LABEL: Record<QueueName, string> = {
  exports: '내보내기',
  designations: '선도·연구학교',
  badges: '디지털 배지',
  surveys: '설문',
  literacy: '리터러시 진단',
  consent: '보호자 동의',
  privacy: '개인정보 보호',
};

export const JOB_LABEL: Record<string, string> = {
  'classroom-export': 'AI 교실 현황 내보내기',
  'designation-term-end': '지정 기간 종료',
  'badge-issuance': '디지털 배지 발급',
  'survey-aggregate': '설문 집계',
  'survey-lifecycle': '설문 배포·마감 최종 집계',
  'survey-distribute': '설문 배포(참여 코드·알림)',
  'survey-remind': '설문 참여 독려',
  'survey-report-export': '설문 보고서 내보내기',
  'literacy-analysis': '리터러시 문항 분석',
  'literacy-reports': '리터러시 보고서 작성',
  'literacy-link': '리터러시 진단 척도 연계(앵커 문항 동등화)',
  'consent-remind': '보호자 동의 회신 독려',
  'privacy-review': '개인정보 접속기록 월간 점검',
  'privacy-destruction': '보존 기간이 지난 개인정보 파기',
  'plan-indicator-snapshot': '시행계획 지표 분기 스냅숏',
  'plan-annual-report': '시행계획 연차 보고서 작성',
};

export const jobLabel = (name: string): string => JOB_LABEL[name] ?? name;

/** What each recurring schedule does when it runs (and so what 지금 실행 covers). */
export const SCHEDULE_TEXT: Record<string, { title: string; covers: string }> = {
  'designation-term-end-daily': {
    title: '선도·연구학교 지정 기간 종료',
    covers: '지정 기간이 끝난 선도·연구학교 지정을 종료합니다.',
  },
  'survey-lifecycle': {
    title: '설문 배포·마감 최종 집계',
    covers: '시작 시각이 지난 설문의 참여 코드를 배포하고 학교장에게 알리며, 마감된 설문의 최종 집계를 실행합니다.',
  },
  'survey-remind-daily': {
    title: '설문 참여 독려',
    covers: '진행 중인 설문에서 제출하지 않았거나 응답률이 기준에 못 미치는 학교의 학교장에게 독려 알림을 보냅니다(학교마다 하루 한 번).',
  },
  'consent-remind-daily': {
    title: '보호자 동의 회신 독려·두 번째 보호자 회신서',
    covers: '회신이 없는 학급을 학교장에게 알리고, 첫 번째 보호자가 정한 기간 안에 답하지 않은 학생에게 두 번째 보호자 회신서를 만듭니다.',
  },
  'privacy-review-monthly': {
    title: '개인정보 접속기록 월간 점검',
    covers: '지난달의 개인정보 접속기록에서 많은 학생 조회, 소속 밖 조회, 업무 시간 외 조회, 대량 내려받기를 찾아 개인정보 보호책임자용 점검표(XLSX)를 만듭니다.',
  },
  'privacy-destruction-daily': {
    title: '보존 기간이 지난 개인정보 파기',
    covers: '승인된 보존 기간표에 따라 기간이 지난 개인정보를 삭제하거나 익명 처리하고 개인정보 파기 대장에 기록합니다. 법적 보존 대상은 제외합니다.',
  },
  'plan-indicator-snapshot-quarterly': {
    title: '시행계획 지표 분기 스냅숏',
    covers: '분기마다(2·5·8·11월 28일) 기본계획 성과 지표의 값을 서울 전체와 교육지원청별로 저장해 시행계획의 분기별 추이와 연차 보고서에 씁니다.',
  },
};

const pad = (n: string) => n.padStart(2, '0');

/** A cron pattern in words (Seoul time): `5 0 * * *` → 매일 00:05, `0 6 1 * *` → 매월 1일 06:00, `*\/5 * * * *` → 5분마다; others as written. */
export function cronText(cron: string): string {
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron);
  if (daily) return `매일 ${pad(daily[2])}:${pad(daily[1])}`;
  const monthly = /^(\d{1,2}) (\d{1,2}) (\d{1,2}) \* \*$/.exec(cron);
  if (monthly) return `매월 ${monthly[3]}일 ${pad(monthly[2])}:${pad(monthly[1])}`;
  const everyMinutes = /^\*\/(\d{1,2}) \* \* \* \*$/.exec(cron);
  if (everyMinutes) return `${everyMinutes[1]}분마다`;
  const hourly = /^(\d{1,2}) \* \* \* \*$/.exec(cron);
  if (hourly) return `매시 ${hourly[1]}분`;
  return cron;
}

/** Who asked for a job: a person's name, the schedule, or the id as stored. */
export function requesterText(requestedBy: string | null, name: string | null): string {
  if (name) return name;
  if (requestedBy === 'scheduler') return '정기 일정';
  return requestedBy ?? '-';
}

const count = (value: unknown): string => (Array.isArray(value) ? String(value.length) : String(value ?? 0));

/** A finished job's summary in Korean, for the jobs the page starts; other keys as they are. */
export function summaryText(jobName: string, summary: Record<string, unknown> | undefined): string {
  if (!summary) return '';
  switch (jobName) {
    case 'designation-term-end':
      return `기준일 ${String(summary.today ?? '-')} · 종료된 지정 ${count(summary.ended)}건`;
    case 'survey-lifecycle':
      return `참여 코드 배포 ${count(summary.distribute)}건 · 최종 집계 ${count(summary.aggregate)}건`;
    case 'survey-remind':
      return `진행 중인 설문 ${count(summary.campaigns)}개 · 독려 대상 학교 ${count(summary.schools)}곳 · 알림 ${count(summary.notices)}건`;
    case 'privacy-review':
      return `${String(summary.month ?? '-')} 점검 · 접속기록 ${String(summary.records ?? 0)}건 · 확인할 항목 ${String(summary.flags ?? 0)}건`;
    case 'privacy-destruction':
      return `파기 ${String(summary.destroyed ?? 0)}건 · 법적 보존으로 제외 ${String(summary.held ?? 0)}건${Array.isArray(summary.unapproved) && summary.unapproved.length ? ` · 승인되지 않은 규칙 ${summary.unapproved.length}개` : ''}`;
    case 'plan-indicator-snapshot':
      return `${String(summary.schoolYear ?? '-')}학년도 ${String(summary.quarter ?? '-')}분기 · 저장한 값 ${String(summary.rows ?? 0)}건${Array.isArray(summary.failed) && summary.failed.length ? ` · 계산하지 못한 값 ${summary.failed.length}건` : ''}`;
    case 'plan-annual-report':
      return `${String(summary.tasks ?? 0)}개 과제 · 지표 ${String(summary.indicators ?? 0)}개`;
    case 'consent-remind':
      return `미회신 학교 ${count(summary.schools)}곳 · 알림 ${count(summary.notices)}건 · 두 번째 보호자 회신서 ${count(summary.secondGuardianSlips)}건`;
    default:
      return Object.entries(summary)
        .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
        .join(' · ');
  }
}
