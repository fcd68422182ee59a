import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, ReadReplica, schoolScopeSql, schoolYearOf, seoulDayEndSql, SqlParams } from '@app/core';
import type { GuardianRelation } from '../guardian-relation';
import { ConsentState, decideEligibility, SchoolLevel } from '../eligibility/rules';
import { SchoolStaff } from '../school-staff';
import { AiServices } from '../services/ai-services.service';
import type { ConsentOverviewCountsDto, ConsentOverviewDto, ConsentOverviewGroupDto, ConsentOverviewQuery, OverviewLevel } from './consent-overview.dto';

/** The columns that name a group at each level (each level adds to the one above), and their order. */
const GROUP_COLUMNS: Record<OverviewLevel, { select: string[]; order: string[] }> = {
  office: { select: [`o.code AS office`, `o.name AS "officeName"`, `o.sort_order AS "officeOrder"`], order: ['o.sort_order'] },
  district: { select: [`s.district`], order: ['s.district'] },
  school: { select: [`s.id AS "schoolId"`, `s.name AS "schoolName"`, `s.level AS "schoolLevel"`], order: ['s.name', 's.id'] },
  class: { select: [`st.grade`, `st.class_no AS "classNo"`], order: ['st.grade', 'st.class_no NULLS LAST'] },
};
const LEVEL_ORDER: OverviewLevel[] = ['office', 'district', 'school', 'class'];

/** One row of the aggregate: a group, and how many of its students share what the rules look at. */
interface GroupRow {
  office: string;
  officeName: string;
  officeOrder: number;
  district?: string;
  schoolId?: number;
  schoolName?: string;
  schoolLevel?: SchoolLevel;
  grade?: number;
  classNo?: number | null;
}

interface StateRow extends GroupRow {
  /** The student's school level (what the rules look at, whatever the grouping). */
  level: SchoolLevel;
  birthMonth: string | null;
  decision: ConsentState['decision'] | null;
  noticeId: number | null;
  guardianRelation: GuardianRelation | null;
  n: number;
}

/** A group's figures kept from a school year whose consent records were destroyed (consent_year_tallies). */
interface TallyRow extends GroupRow {
  students: number;
  eligible: number;
  granted: number;
  refused: number;
  noAnswer: number;
}

/** Groups in the order the aggregate gives them (office, district, school name and id, grade, class last without one). */
function compareGroups(a: GroupRow, b: GroupRow): number {
  const keys: [unknown, unknown][] = [[a.officeOrder, b.officeOrder], [a.district, b.district], [a.schoolName, b.schoolName], [a.schoolId, b.schoolId], [a.grade, b.grade], [a.classNo ?? Infinity, b.classNo ?? Infinity]];
  for (const [x, y] of keys) {
    if (x === y || x === undefined || y === undefined) continue;
    return (x as number | string) < (y as number | string) ? -1 : 1;
  }
  return 0;
}

const percent = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

function emptyCounts(): ConsentOverviewCountsDto {
  return { students: 0, eligible: 0, notEligible: 0, granted: 0, refused: 0, noAnswer: 0, eligibleRate: null, responseRate: null };
}

function withRates<T extends ConsentOverviewCountsDto>(c: T): T {
  c.notEligible = c.students - c.eligible;
  c.eligibleRate = percent(c.eligible, c.students);
  c.responseRate = percent(c.granted + c.refused, c.students);
  return c;
}

/**
 * 동의 현황 for administrators: per district office, district, school or class, how many students
 * are on the roster, how many may use a service on a day, and how their guardians answered.
 *
 * One aggregate query over the roster, scoped like every list (schoolScopeSql): students are
 * counted by what the eligibility rules look at (school level, birth month, the latest consent
 * record on or before the day, as the class list reads it), and each distinct combination is
 * decided once by the same rules (decideEligibility) as the class list. No per-student rows leave
 * the database; no decision is logged (the eligibility log is for decisions about a student).
 *
 * Once a school year's consent records of a school are destroyed (libs/privacy), its classes'
 * figures for that year come from consent_year_tallies, taken from this overview on the year's last
 * day just before: every day of that year then shows those year-end figures for that school.
 */
@Injectable()
export class ConsentOverview {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly staff: SchoolStaff,
    private readonly services: AiServices,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * `lagTolerant`: the records may be read from the replica (DATABASE_REPLICA_URL), a moment behind;
   * the screen's overview is, the year-end figures the destruction writes down are not.
   */
  async overview(q: ConsentOverviewQuery, date: string, actor: AuthUser, opts: { lagTolerant?: boolean } = {}): Promise<ConsentOverviewDto> {
    const db = opts.lagTolerant ? this.replica : this.ds;
    const level = q.level ?? 'office';
    if (q.schoolId) await this.staff.assertReads(actor, q.schoolId);
    const [service, notice, rows, tallies] = await Promise.all([
      this.services.get(q.serviceId),
      this.services.noticeInForce(q.serviceId, schoolYearOf(date), date),
      this.aggregate(db, q, level, date, actor),
      this.tallies(db, q, level, date, actor),
    ]);

    const decided = new Map<string, boolean>();
    const allowed = (r: StateRow): boolean => {
      const key = `${r.level}|${r.birthMonth}|${r.decision}|${r.noticeId}|${r.guardianRelation}`;
      let d = decided.get(key);
      if (d === undefined) {
        d = decideEligibility({
          date, level: r.level, birthMonth: r.birthMonth, service,
          notice: notice && { id: notice.id, version: notice.version, validUntil: notice.validUntil },
          // When it was decided only goes into the wording of the reasons, not into the verdict.
          latest: r.decision ? { decision: r.decision, noticeId: r.noticeId!, decidedAt: `${date}T00:00:00+09:00`, guardianRelation: r.guardianRelation! } : null,
        }).allowed;
        decided.set(key, d);
      }
      return d;
    };

    const levels = LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(level) + 1);
    const groups = new Map<string, ConsentOverviewGroupDto>();
    const order = new Map<ConsentOverviewGroupDto, GroupRow>();
    const total = emptyCounts();
    const groupOf = (r: GroupRow): ConsentOverviewGroupDto => {
      const key = JSON.stringify([r.office, r.district, r.schoolId, r.grade, r.classNo]);
      let g = groups.get(key);
      if (!g) {
        g = {
          office: r.office, officeName: r.officeName,
          district: levels.includes('district') ? r.district! : null,
          schoolId: levels.includes('school') ? r.schoolId! : null,
          schoolName: levels.includes('school') ? r.schoolName! : null,
          schoolLevel: levels.includes('school') ? r.schoolLevel! : null,
          grade: levels.includes('class') ? r.grade! : null,
          classNo: levels.includes('class') ? (r.classNo ?? null) : null,
          ...emptyCounts(),
        };
        groups.set(key, g);
        order.set(g, r);
      }
      return g;
    };
    for (const r of rows) {
      const g = groupOf(r);
      for (const c of [g, total]) {
        c.students += r.n;
        if (allowed(r)) c.eligible += r.n;
        if (r.decision === 'granted' && notice && r.noticeId === notice.id) c.granted += r.n;
        else if (r.decision === 'refused' || r.decision === 'withdrawn') c.refused += r.n;
        else c.noAnswer += r.n;
      }
    }
    for (const t of tallies) {
      const g = groupOf(t);
      for (const c of [g, total]) {
        c.students += t.students;
        c.eligible += t.eligible;
        c.granted += t.granted;
        c.refused += t.refused;
        c.noAnswer += t.noAnswer;
      }
    }
    const ordered = tallies.length && rows.length ? [...groups.values()].sort((a, b) => compareGroups(order.get(a)!, order.get(b)!)) : [...groups.values()];
    return {
      serviceId: service.id, serviceName: service.name, date, level, noticeVersion: notice?.version ?? null,
      groups: ordered.map(withRates), total: withRates(total),
    };
  }

  /** Rows come out in the groups' order (the rows of a group together). */
  private aggregate(db: Pick<DataSource, 'query'> | ReadReplica, q: ConsentOverviewQuery, level: OverviewLevel, date: string, actor: AuthUser): Promise<StateRow[]> {
    const p = new SqlParams();
    const service = p.add(q.serviceId);
    const day = p.add(date);
    const where = this.filters(q, p, actor);
    where.push(`NOT EXISTS (SELECT 1 FROM consent_year_tallies t WHERE t.school_year = ${p.add(schoolYearOf(date))} AND t.service_id = ${service} AND t.school_id = s.id)`);
    const levels = LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(level) + 1);
    const select = levels.flatMap((l) => GROUP_COLUMNS[l].select);
    const groupBy = levels.flatMap((l) => GROUP_COLUMNS[l].select.map((c) => c.split(' AS ')[0])).concat(levels.flatMap((l) => GROUP_COLUMNS[l].order.map((c) => c.replace(' NULLS LAST', ''))));
    const order = levels.flatMap((l) => GROUP_COLUMNS[l].order);
    // The latest record on or before the day, as the class list reads it (Eligibility.decide).
    return db.query(
      `SELECT ${select.join(', ')}, s.level, to_char(st.birth_month, 'YYYY-MM') AS "birthMonth",
              r.decision, r.notice_id AS "noticeId", r.guardian_relation AS "guardianRelation", count(*)::int AS n
       FROM students st JOIN schools s ON s.id = st.school_id JOIN districts d ON d.name = s.district JOIN district_offices o ON o.code = d.office_code
       LEFT JOIN LATERAL (
         SELECT c.decision, c.notice_id, c.guardian_relation FROM consent_records c
         WHERE c.student_id = st.id AND c.service_id = ${service} AND c.decided_at < ${seoulDayEndSql(`${day}::date`)}
         ORDER BY c.decided_at DESC, c.id DESC LIMIT 1
       ) r ON TRUE
       WHERE ${where.join(' AND ')}
       GROUP BY ${[...new Set(groupBy)].join(', ')}, s.level, st.birth_month, r.decision, r.notice_id, r.guardian_relation
       ORDER BY ${order.join(', ')}`,
      p.values,
    );
  }

  private filters(q: ConsentOverviewQuery, p: SqlParams, actor: AuthUser): string[] {
    const where = [schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' })];
    if (q.office) where.push(`d.office_code = ${p.add(q.office)}`);
    if (q.district) where.push(`s.district = ${p.add(q.district)}`);
    if (q.schoolId) where.push(`s.id = ${p.add(q.schoolId)}`);
    return where;
  }

  /** The kept figures of the day's school year, summed into the level's groups (the tallies are per class, so `st` names them). */
  private tallies(db: Pick<DataSource, 'query'> | ReadReplica, q: ConsentOverviewQuery, level: OverviewLevel, date: string, actor: AuthUser): Promise<TallyRow[]> {
    const p = new SqlParams();
    const where = this.filters(q, p, actor);
    where.push(`st.school_year = ${p.add(schoolYearOf(date))}`, `st.service_id = ${p.add(q.serviceId)}`);
    const levels = LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(level) + 1);
    const select = levels.flatMap((l) => GROUP_COLUMNS[l].select);
    const groupBy = levels.flatMap((l) => GROUP_COLUMNS[l].select.map((c) => c.split(' AS ')[0])).concat(levels.flatMap((l) => GROUP_COLUMNS[l].order.map((c) => c.replace(' NULLS LAST', ''))));
    const sum = (k: string) => `sum((st.counts->>'${k}')::int)::int AS "${k}"`;
    return db.query(
      `SELECT ${select.join(', ')}, ${['students', 'eligible', 'granted', 'refused', 'noAnswer'].map(sum).join(', ')}
       FROM consent_year_tallies st JOIN schools s ON s.id = st.school_id JOIN districts d ON d.name = s.district JOIN district_offices o ON o.code = d.office_code
       WHERE ${where.join(' AND ')}
       GROUP BY ${[...new Set(groupBy)].join(', ')}
       ORDER BY ${levels.flatMap((l) => GROUP_COLUMNS[l].order).join(', ')}`,
      p.values,
    );
  }
}
