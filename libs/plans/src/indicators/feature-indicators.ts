import { Injectable } from '@nestjs/common';
import { AuthUser, NotFoundError, seoulToday } from '@app/core';
import { ClassroomService, ClassroomStatsService } from '@app/classrooms';
import { AiServices, ConsentOverview } from '@app/consent';
import { DesignationsService, SupportService } from '@app/designations';
import { AssessmentsService } from '@app/literacy';
// Provided and exported by LiteracyModule, though not re-exported from its index.
import { LiteracyReportsService } from '@app/literacy/reports/literacy-reports.service';
import { CampaignsService, SurveyAggregationService } from '@app/surveys';
import { SurveyProgress } from '@app/surveys/operations/progress.service';
import { TrainingRecordsService } from '@app/training';
import { IndicatorProvider, IndicatorRegistry } from './indicator-registry';

/** The caller the indicators ask the features as for one school's figures: that school's principal. */
function schoolViewer(schoolId: number): AuthUser {
  return { id: 'plans-indicators', email: 'plans@system', role: 'principal', schoolId, districtOffice: null, displayName: '기본계획 지표' };
}

/** The caller the indicators ask the features as: the city (every school), or one district office. */
function viewer(office: string | null): AuthUser {
  return office
    ? { id: 'plans-indicators', email: 'plans@system', role: 'district_admin', schoolId: null, districtOffice: office, displayName: '기본계획 지표' }
    : { id: 'plans-indicators', email: 'plans@system', role: 'city_admin', schoolId: null, districtOffice: null, displayName: '기본계획 지표' };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + (f(x) ?? 0), 0);

/**
 * The indicators each feature reports, read through the feature's own exported service (the
 * same call its endpoint makes), so a plan's figure cannot disagree with the feature's screen.
 * They are declared here, beside the registry, until each feature carries its own providers.
 */
@Injectable()
export class FeatureIndicators {
  constructor(
    private readonly registry: IndicatorRegistry,
    private readonly classrooms: ClassroomStatsService,
    private readonly classroom: ClassroomService,
    private readonly training: TrainingRecordsService,
    private readonly designations: DesignationsService,
    private readonly support: SupportService,
    private readonly campaigns: CampaignsService,
    private readonly surveyProgress: SurveyProgress,
    private readonly surveyAggregates: SurveyAggregationService,
    private readonly assessments: AssessmentsService,
    private readonly literacy: LiteracyReportsService,
    private readonly aiServices: AiServices,
    private readonly consent: ConsentOverview,
  ) {}

  registerAll(): void {
    for (const p of this.providers()) this.registry.register(p);
  }

  private providers(): IndicatorProvider[] {
    const classroomStats = (office: string | null) => this.classrooms.stats(office ? viewer(office) : undefined);
    const trainingStats = (year: number, office: string | null) => this.training.stats(viewer(office), year);
    const designated = async (type: string, year: number, office: string | null) => {
      const page = await this.designations.list(viewer(null), { type, schoolYear: year, status: 'all', districtOffice: office ?? undefined, page: 1, pageSize: 1 } as never);
      return { value: page.total, details: { type, schoolYear: year } };
    };
    const designatedAtSchool = async (type: string, year: number, schoolId: number) => {
      const page = await this.designations.list(schoolViewer(schoolId), { type, schoolYear: year, status: 'all', page: 1, pageSize: 1 } as never);
      return { value: page.total };
    };
    const supportOf = async (year: number, office: string | null, field: 'budgetKrw' | 'staff') => {
      const r = await this.support.report(year);
      if (office) {
        const row = r.byOffice.find((o: { office: string }) => o.office === office);
        return { value: row ? row[field] : 0, details: { byType: null, office: row ?? null } };
      }
      return { value: sum(r.byType, (t: Record<string, number>) => t[field]), details: { byType: r.byType, designatedVsNot: r.designatedVsNot } };
    };
    const classroomOf = (schoolId: number) => this.classroom.get(schoolId).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    });
    const schoolTraining = (year: number, schoolId: number) => this.training.stats(schoolViewer(schoolId), year);
    const campaignsOf = async (year: number, office: string | null) => {
      const { items } = await this.campaigns.list(viewer(office));
      return (items as unknown as { id: number; title: string; opensAt: string | Date; schools: number; responses: number; kind: string }[]).filter((c) => {
        const d = new Date(new Date(c.opensAt).getTime() + 9 * 3600_000); // the Seoul calendar day
        return (d.getUTCMonth() >= 2 ? d.getUTCFullYear() : d.getUTCFullYear() - 1) === year;
      });
    };
    const evaluationsOf = async (year: number, office: string | null) => {
      const ids: number[] = [];
      for (let page = 1; ; page++) {
        const p = await this.designations.list(viewer(null), { schoolYear: year, status: 'all', districtOffice: office ?? undefined, page, pageSize: 500 } as never);
        ids.push(...p.items.map((d: { id: number }) => d.id));
        if (ids.length >= p.total || !p.items.length) break;
      }
      const inYear = (day: string) => day >= `${year}-03-01` && day < `${year + 1}-03-01`;
      const all: { designationId: number; kind: string; score: number; outcome: string }[] = [];
      for (const id of ids) {
        for (const e of (await this.designations.evaluations(id)) as { kind: string; evaluatedOn: string; score: number; outcome: string }[]) {
          if (inYear(e.evaluatedOn)) all.push({ designationId: id, kind: e.kind, score: e.score, outcome: e.outcome });
        }
      }
      return all;
    };
    return [
      {
        id: 'classroom.coverage', item: 7, unit: 'ratio', byYear: false,
        name: 'AI 교실 보급률',
        definition: 'AI 교실이 있는 학교 수 ÷ 학교 수. 학교 명부에 NEIS 학교 목록이 다 들어 있으면 명부의 학교 수로, 아니면 서울시 관내 학교 수(1,366개, 2024.10.1. 기준)로 나눕니다. 교육지원청은 그 청의 명부 학교 수로 나눕니다.',
        source: 'classrooms: ClassroomStatsService.stats (GET /api/v1/classrooms/stats → coverage)',
        forSchool: async (_year, schoolId) => {
          const c = await classroomOf(schoolId);
          return { value: c ? 1 : 0, details: { hasClassroom: Boolean(c), buildYear: c?.buildYear ?? null } };
        },
        compute: async (_year, office) => {
          const s = await classroomStats(office);
          return {
            value: s.coverage.ofRegistry ?? s.coverage.ofOfficial,
            details: { classrooms: s.coverage.classrooms, schoolsInRegistry: s.coverage.schoolsInRegistry, registryComplete: s.coverage.registryComplete, ofRegistry: s.coverage.ofRegistry, ofOfficial: s.coverage.ofOfficial, byDistrictOffice: s.byDistrictOffice.map((o) => ({ office: o.key, name: o.label, classrooms: o.classrooms, schools: o.schools, coverage: o.coverage })) },
          };
        },
      },
      {
        id: 'classroom.space_rule', item: 7, unit: 'ratio', byYear: false,
        name: 'AI 교실 공간 기준(1.5실 이상) 충족 비율',
        definition: '면적이 교실 1.5실 이상으로 확인된 AI 교실 수 ÷ AI 교실 수. 면적을 모르는 교실은 충족하지 않은 것으로 셉니다.',
        source: 'classrooms: ClassroomStatsService.stats (flags.areaBelowMinimum, flags.areaUnknown)',
        forSchool: async (_year, schoolId) => {
          const c = await classroomOf(schoolId);
          return { value: c ? (c.flags.areaBelowMinimum || c.flags.areaUnknown ? 0 : 1) : null, details: { floorAreaUnits: c?.floorAreaUnits ?? null } };
        },
        compute: async (_year, office) => {
          const s = await classroomStats(office);
          const meeting = s.total - s.flags.areaBelowMinimum - s.flags.areaUnknown;
          return { value: ratio(meeting, s.total), details: { classrooms: s.total, meeting, areaBelowMinimum: s.flags.areaBelowMinimum, areaUnknown: s.flags.areaUnknown } };
        },
      },
      {
        id: 'classroom.club_rule', item: 7, unit: 'ratio', byYear: false,
        name: 'AI 동아리 운영 기준 충족 비율',
        definition: '올해 학년도에 AI 학생 동아리를 하나 이상 운영하는 AI 교실 학교 수 ÷ AI 교실 수.',
        source: 'classrooms: ClassroomStatsService.stats (flags.withoutClubThisYear)',
        forSchool: async (_year, schoolId) => {
          const c = await classroomOf(schoolId);
          return { value: c ? (c.flags.noClubThisYear ? 0 : 1) : null };
        },
        compute: async (_year, office) => {
          const s = await classroomStats(office);
          const meeting = s.total - s.flags.withoutClubThisYear;
          return { value: ratio(meeting, s.total), details: { classrooms: s.total, meeting, schoolYear: s.flags.schoolYear } };
        },
      },
      {
        id: 'designation.lead_schools', item: 2, unit: 'count', byYear: true,
        name: '선도학교 지정 수',
        definition: '학년도 중 지정 기간이 걸친 선도학교 지정 건수(종료·취소 포함).',
        source: 'designations: DesignationsService.list (GET /api/v1/designations?type=lead&schoolYear=&status=all → total)',
        forSchool: (year, schoolId) => designatedAtSchool('lead', year, schoolId),
        compute: (year, office) => designated('lead', year, office),
      },
      {
        id: 'designation.research_schools', item: 6, unit: 'count', byYear: true,
        name: '연구학교 지정 수',
        definition: '학년도 중 지정 기간이 걸친 연구학교 지정 건수(종료·취소 포함).',
        source: 'designations: DesignationsService.list (GET /api/v1/designations?type=research&schoolYear=&status=all → total)',
        forSchool: (year, schoolId) => designatedAtSchool('research', year, schoolId),
        compute: (year, office) => designated('research', year, office),
      },
      {
        id: 'designation.support_budget', item: 2, unit: 'krw', byYear: true,
        name: '우선 지원 예산',
        definition: '학년도(3월 1일~다음 해 2월 말)에 학교에 지원한 예산 합계(원).',
        source: 'designations: SupportService.report (GET /api/v1/designations/support/report?schoolYear=)',
        compute: (year, office) => supportOf(year, office, 'budgetKrw'),
      },
      {
        id: 'designation.support_staff', item: 2, unit: 'count', byYear: true,
        name: '우선 지원 인력',
        definition: '학년도에 학교에 지원한 인력 수 합계(명).',
        source: 'designations: SupportService.report (GET /api/v1/designations/support/report?schoolYear=)',
        compute: (year, office) => supportOf(year, office, 'staff'),
      },
      {
        id: 'designation.evaluation_score', item: 2, unit: 'score', byYear: true,
        name: '선도·연구학교 평가 결과(평균 점수)',
        definition: '학년도 중 실시한 선도·연구학교 중간·종합 평가 점수의 평균(100점 만점). 평가 건수와 결과(계속·재지정·종료·취소)별 건수는 세부 내역에 있습니다.',
        source: 'designations: DesignationsService.list + evaluations (GET /api/v1/designations/:id/evaluations)',
        compute: async (year, office) => {
          const all = await evaluationsOf(year, office);
          const outcomes: Record<string, number> = {};
          for (const e of all) outcomes[e.outcome] = (outcomes[e.outcome] ?? 0) + 1;
          return { value: all.length ? Math.round((sum(all, (e) => e.score) / all.length) * 100) / 100 : null, details: { evaluations: all.length, outcomes } };
        },
      },
      {
        id: 'training.participants', item: 5, unit: 'count', byYear: true,
        name: '연수 참여 인원',
        definition: '학년도 연수 과정을 하나 이상 이수한 사람 수(교육지원청별 참여 인원의 합, 한 사람은 한 번). 수준별 인원은 세부 내역에 있습니다.',
        source: 'training: TrainingRecordsService.stats (GET /api/v1/training/stats?schoolYear= → byOffice, byLevel)',
        forSchool: async (year, schoolId) => {
          const s = await schoolTraining(year, schoolId);
          return { value: sum(s.bySchool, (o: { participants: number }) => o.participants), details: { byLevel: s.byLevel } };
        },
        compute: async (year, office) => {
          const s = await trainingStats(year, office);
          return { value: sum(s.byOffice, (o: { participants: number }) => o.participants), details: { byLevel: s.byLevel, byOffice: s.byOffice } };
        },
      },
      {
        id: 'training.hours', item: 5, unit: 'hours', byYear: true,
        name: '연수 이수 시간',
        definition: '학년도 연수 이수 시간 합계(시간). 수준별 시간은 세부 내역에 있습니다.',
        source: 'training: TrainingRecordsService.stats (GET /api/v1/training/stats?schoolYear= → byLevel.hours)',
        forSchool: async (year, schoolId) => {
          const s = await schoolTraining(year, schoolId);
          return { value: sum(s.byLevel, (l: { hours: number }) => l.hours) };
        },
        compute: async (year, office) => {
          const s = await trainingStats(year, office);
          return { value: sum(s.byLevel, (l: { hours: number }) => l.hours), details: { byLevel: s.byLevel.map((l: { key: string; hours: number }) => ({ level: l.key, hours: l.hours })) } };
        },
      },
      {
        id: 'training.teacher_level_share', item: 5, unit: 'ratio', byYear: true,
        name: '수준별 연수 이수 교원 비율',
        definition: '학년도에 한 수준 이상의 연수를 이수한 교원 수 ÷ 그 학교들의 교원 수(교원 계정과 계정 없는 연수 명부 교원). 수준별 비율은 세부 내역에 있습니다.',
        source: 'training: TrainingRecordsService.stats (GET /api/v1/training/stats?schoolYear= → teacherShareBySchool)',
        compute: async (year, office) => {
          const s = await trainingStats(year, office);
          const rows = s.teacherShareBySchool as { schoolId: number; level: string; completed: number; teachers: number }[];
          const teachers = new Map(rows.map((r) => [r.schoolId, r.teachers]));
          const byLevel = [...new Set(rows.map((r) => r.level))].map((level) => {
            const at = rows.filter((r) => r.level === level);
            return { level, completed: sum(at, (r) => r.completed), teachers: sum(at, (r) => r.teachers), share: ratio(sum(at, (r) => r.completed), sum(at, (r) => r.teachers)) };
          });
          const best = new Map<number, number>();
          for (const r of rows) best.set(r.schoolId, Math.max(best.get(r.schoolId) ?? 0, r.completed));
          return { value: ratio(sum([...best.values()], (x) => x), sum([...teachers.values()], (x) => x)), details: { byLevel } };
        },
      },
      {
        id: 'survey.responses', item: 6, unit: 'count', byYear: true,
        name: '실태조사·만족도 조사 응답 수',
        definition: '학년도(3월 1일~다음 해 2월 말)에 시작한 설문 캠페인의 응답 수 합계. 캠페인별 대상 학교 수와 응답 수는 세부 내역에 있습니다.',
        source: 'surveys: CampaignsService.list (GET /api/v1/surveys/campaigns → schools, responses)',
        compute: async (year, office) => {
          const inYear = await campaignsOf(year, office);
          return { value: sum(inYear, (c) => c.responses), details: { campaigns: inYear.map((c) => ({ id: c.id, title: c.title, kind: c.kind, schools: c.schools, responses: c.responses })) } };
        },
      },
      {
        id: 'survey.response_rate', item: 6, unit: 'ratio', byYear: true,
        name: '설문 응답률',
        definition: '학년도에 시작한 설문 캠페인의 응답 수 ÷ 발급한 참여 코드 수(캠페인 진행 현황과 같은 계산). 캠페인별 응답률은 세부 내역에 있습니다.',
        source: 'surveys: SurveyProgress.progress (GET /api/v1/surveys/campaigns/:id/progress → totals, offices)',
        compute: async (year, office) => {
          const perCampaign = [];
          for (const c of await campaignsOf(year, office)) {
            const p = await this.surveyProgress.progress(c.id, viewer(office));
            const t = office ? p.offices.find((o) => o.office === office) ?? p.totals : p.totals;
            perCampaign.push({ id: c.id, title: c.title, kind: c.kind, codesIssued: t.codesIssued, responses: t.responses, rate: t.rate });
          }
          return { value: ratio(sum(perCampaign, (c) => c.responses), sum(perCampaign, (c) => c.codesIssued)), details: { campaigns: perCampaign } };
        },
      },
      {
        id: 'survey.satisfaction', item: 6, unit: 'score', byYear: true,
        name: '만족도 조사 평균(5점 척도)',
        definition: '학년도에 시작한 만족도 조사 캠페인에서 5점 척도 문항 평균의 평균(응답 수 가중, 마지막 집계 기준). 공개 기준 미만 집단은 제외합니다. 캠페인별 평균은 세부 내역에 있습니다.',
        source: 'surveys: SurveyAggregationService.report (GET /api/v1/surveys/campaigns/:id/report?level=city|office)',
        compute: async (year, office) => {
          const perCampaign = [];
          for (const c of (await campaignsOf(year, office)).filter((x) => x.kind === 'satisfaction')) {
            const r = await this.surveyAggregates.report(c.id, office ? 'office' : 'city', viewer(null)).catch(() => null);
            const g = r?.groups.find((x) => x.key === (office ?? 'all')) as { suppressed?: boolean; questions?: Record<string, { answered: number; mean?: number | null }> } | undefined;
            const qs = Object.values((g && !g.suppressed && g.questions) || {}).filter((q) => typeof q.mean === 'number');
            const answered = sum(qs, (q) => q.answered);
            perCampaign.push({ id: c.id, title: c.title, answered, mean: answered ? Math.round((sum(qs, (q) => q.answered * (q.mean as number)) / answered) * 100) / 100 : null });
          }
          const known = perCampaign.filter((c) => c.mean !== null);
          const answered = sum(known, (c) => c.answered);
          return { value: answered ? Math.round((sum(known, (c) => c.answered * c.mean!) / answered) * 100) / 100 : null, details: { campaigns: perCampaign } };
        },
      },
      {
        id: 'literacy.mean', item: 3, unit: 'score', byYear: true,
        name: 'AI·디지털 리터러시 평균 점수',
        definition: '학년도에 분석을 마친 리터러시 진단의 학생 평균 점수(100점 환산, 학생 수 가중). 학년별 평균과 성취수준별 비율은 세부 내역에 있습니다. 5명 미만 집단은 공개하지 않습니다.',
        source: 'literacy: LiteracyReportsService.cityReport (GET /api/v1/literacy/assessments/:id/reports/city)',
        compute: async (year, office) => {
          const { items } = await this.assessments.list();
          const analysed = (items as unknown as { id: number; schoolYear: number; grade: string; name: string; analysedAt: string | null }[]).filter((a) => a.schoolYear === year && a.analysedAt);
          const perGrade: { assessmentId: number; name: string; grade: string; n: number | null; mean: number | null; levelShares: Record<string, number> }[] = [];
          for (const a of analysed) {
            const r = await this.literacy.cityReport(a.id, 'office', viewer(null));
            const g = (office ? (r.groups as { key: string }[]).find((x) => x.key === office) : r.city) as { n?: number | null; mean?: number | null; levels?: Record<string, number> | null; suppressed?: boolean } | null | undefined;
            const n = g && !g.suppressed ? g.n ?? null : null;
            const levels = (g && !g.suppressed ? g.levels : null) ?? {};
            perGrade.push({ assessmentId: a.id, name: a.name, grade: a.grade, n, mean: g && !g.suppressed ? g.mean ?? null : null, levelShares: Object.fromEntries(Object.entries(levels).map(([k, c]) => [k, n ? ratio(c, n) ?? 0 : 0])) });
          }
          const known = perGrade.filter((p) => p.n && p.mean !== null);
          const n = sum(known, (p) => p.n!);
          return { value: n ? Math.round((sum(known, (p) => p.n! * p.mean!) / n) * 100) / 100 : null, details: { perGrade } };
        },
      },
      {
        id: 'consent.coverage', item: 7, unit: 'ratio', byYear: false,
        name: '보호자 동의 등 이용 가능 학생 비율',
        definition: '사용 중인 생성형 AI 서비스마다 오늘 직접 이용할 수 있는 학생(연령·학교급·보호자 동의 규칙 충족) 수를 합한 값 ÷ 서비스마다 명부 학생 수를 합한 값. 서비스별 비율은 세부 내역에 있습니다.',
        source: 'consent: ConsentOverview.overview (GET /api/v1/consent/overview?serviceId= → total)',
        forSchool: async (_year, schoolId) => {
          const { items } = await this.aiServices.list();
          const perService = [];
          for (const s of (items as unknown as { id: number; name: string; active: boolean }[]).filter((x) => x.active)) {
            const o = await this.consent.overview({ serviceId: s.id, schoolId, level: 'school' } as never, seoulToday(), viewer(null), { lagTolerant: true });
            perService.push({ serviceId: s.id, name: s.name, students: o.total.students, eligible: o.total.eligible, eligibleRate: o.total.eligibleRate });
          }
          return { value: ratio(sum(perService, (p) => p.eligible), sum(perService, (p) => p.students)), details: { services: perService } };
        },
        compute: async (_year, office) => {
          const { items } = await this.aiServices.list();
          const active = (items as unknown as { id: number; name: string; active: boolean }[]).filter((s) => s.active);
          const perService = [];
          for (const s of active) {
            const o = await this.consent.overview({ serviceId: s.id, ...(office && { office }) } as never, seoulToday(), viewer(null), { lagTolerant: true });
            perService.push({ serviceId: s.id, name: s.name, students: o.total.students, eligible: o.total.eligible, granted: o.total.granted, eligibleRate: o.total.eligibleRate });
          }
          return { value: ratio(sum(perService, (p) => p.eligible), sum(perService, (p) => p.students)), details: { services: perService } };
        },
      },
      {
        id: 'materials.developed', item: 4, unit: 'count', byYear: true, manual: true,
        name: '교재·프로그램 개발 건수',
        definition: '학년도에 개발·보급한 AI 교육 교재와 프로그램 수. 담당 부서가 직접 입력하며 입력한 사람과 시각을 남깁니다.',
        source: '직접 입력(과제 지표의 실적)',
      },
      {
        id: 'research.cases', item: 6, unit: 'count', byYear: true, manual: true,
        name: '조사·연구 및 우수 사례 발굴 건수',
        definition: '학년도에 수행한 조사·연구와 발굴한 우수 사례 수. 담당 부서가 직접 입력합니다.',
        source: '직접 입력(과제 지표의 실적)',
      },
      {
        id: 'curriculum.programs', item: 3, unit: 'count', byYear: true, manual: true,
        name: '학교급별 교육과정 연계 프로그램 수',
        definition: '학년도에 학교급별 교육과정과 연계해 운영한 AI 교육 프로그램 수. 담당 부서가 직접 입력합니다.',
        source: '직접 입력(과제 지표의 실적)',
      },
    ];
  }
}
