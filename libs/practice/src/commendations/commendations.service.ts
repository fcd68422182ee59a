import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, buildWorkbook, ConflictError, ErrorDetail, ForbiddenError, NotFoundError, SheetColumn, SqlParams, ValidationFailedError } from '@app/core';
import { CasesService } from '../cases/cases.service';
import { CommunitiesService } from '../communities/communities.service';
import { COMMENDATION_STATUS_KO, CommendationStatus, EvidenceKind, NOMINEE_KIND_KO, NomineeKind } from '../practice-terms';
import type { CommendationDecisionDto, CommendationListQuery, EvidenceDto, NominateDto } from './commendation.dto';
import type { CommendationDto } from './commendation-responses.dto';

export const COMMENDATION_ENTITY = 'commendation';

const SELECT = `
  SELECT c.id, c.year, c.nominee_kind AS "nomineeKind", c.nominee_user_id AS "nomineeUserId", c.nominee_school_id AS "nomineeSchoolId",
         c.nominee_club_id AS "nomineeClubId", c.nominee_community_id AS "nomineeCommunityId", c.nominee_name AS "nomineeName",
         c.school_id AS "schoolId", s.name AS "schoolName", c.district_office_code AS "districtOffice", c.reason, c.status,
         c.award_title AS "awardTitle", c.nominated_at AS "nominatedAt", nu.display_name AS "nominatedByName", c.decided_at AS "decidedAt",
         c.decision_reason AS "decisionReason",
         coalesce((SELECT json_agg(json_build_object('kind', e.kind, 'ref', e.ref, 'label', e.label) ORDER BY e.id) FROM commendation_evidence e WHERE e.commendation_id = c.id), '[]') AS evidence
  FROM commendations c LEFT JOIN schools s ON s.id = c.school_id LEFT JOIN users nu ON nu.id = c.nominated_by`;

interface Nominee {
  name: string;
  schoolId: number | null;
  districtOffice: string | null;
}

const EXPORT_COLUMNS: SheetColumn[] = [
  { header: '번호', key: 'no', width: 6 },
  { header: '연도', key: 'year', width: 8 },
  { header: '구분', key: 'kind', width: 14 },
  { header: '대상', key: 'nomineeName', width: 28 },
  { header: '학교', key: 'schoolName', width: 24 },
  { header: '교육지원청', key: 'districtOfficeName', width: 18 },
  { header: '공적 요지', key: 'reason', width: 50 },
  { header: '증빙', key: 'evidence', width: 50 },
  { header: '상태', key: 'status', width: 10 },
  { header: '표창명', key: 'awardTitle', width: 20 },
  { header: '추천일', key: 'nominatedAt', width: 12, format: 'date' },
  { header: '결정일', key: 'decidedAt', width: 12, format: 'date' },
  { header: '결정 사유', key: 'decisionReason', width: 40 },
];

/**
 * 표창 (조례 제10조): nominations of a teacher, a school, a club or a learning community with the
 * reason and evidence; decided by the city, every step in the audit log; the year's list as XLSX.
 */
@Injectable()
export class CommendationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly cases: CasesService,
    private readonly communities: CommunitiesService,
  ) {}

  async nominate(dto: NominateDto, actor: AuthUser): Promise<CommendationDto> {
    const kind = dto.nomineeKind as NomineeKind;
    const { field, nominee } = await this.resolveNominee(dto);
    if (!this.inScope(nominee, actor)) {
      throw new ForbiddenError('The nominee is outside your school or office', 'NOMINEE_OUT_OF_SCOPE', [{ field, reason: 'outside your scope' }]);
    }
    const evidence = await this.checkEvidence(dto.evidence ?? [], kind, dto.nomineeUserId);
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO commendations (year, nominee_kind, nominee_user_id, nominee_school_id, nominee_club_id, nominee_community_id, nominee_name, school_id,
           district_office_code, reason, nominated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [dto.year, kind, kind === 'teacher' ? dto.nomineeUserId : null, kind === 'school' ? dto.nomineeSchoolId : null, kind === 'club' ? dto.nomineeClubId : null,
          kind === 'community' ? dto.nomineeCommunityId : null, nominee.name, nominee.schoolId, nominee.districtOffice, dto.reason, actor.id],
      );
      for (const e of evidence) {
        await tx.query(`INSERT INTO commendation_evidence (commendation_id, kind, ref, label) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [id, e.kind, e.ref, e.label]);
      }
      await this.audit.record(tx, actor, {
        action: 'nominate', entityType: COMMENDATION_ENTITY, entityId: id, schoolId: nominee.schoolId,
        after: { status: 'nominated', year: dto.year, nomineeKind: kind, nomineeName: nominee.name, reason: dto.reason, evidence: evidence.map((e) => `${e.kind}:${e.ref}`) },
      });
      return id as number;
    });
    return this.get(id);
  }

  async list(user: AuthUser, q: CommendationListQuery): Promise<CommendationDto[]> {
    const p = new SqlParams();
    const where = [this.visibleSql(user, p)];
    if (q.year) where.push(`c.year = ${p.add(q.year)}`);
    if (q.status) where.push(`c.status = ${p.add(q.status)}`);
    return this.ds.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY c.year DESC, c.id LIMIT 5000`, p.values);
  }

  async getFor(id: number, user: AuthUser): Promise<CommendationDto> {
    const row = await this.get(id);
    if (!this.inScope(row, user)) throw new ForbiddenError('This nomination is outside your school or office', 'NOMINEE_OUT_OF_SCOPE');
    return row;
  }

  async get(id: number, manager: EntityManager = this.ds.manager): Promise<CommendationDto> {
    const [row] = await manager.query(`${SELECT} WHERE c.id = $1`, [id]);
    if (!row) throw new NotFoundError('commendation', id);
    return row;
  }

  /** The city's decision, once; before and after in the audit log. */
  async decide(id: number, dto: CommendationDecisionDto, actor: AuthUser): Promise<CommendationDto> {
    if (actor.role !== 'city_admin') throw new ForbiddenError('The city decides commendations');
    await this.ds.transaction(async (tx) => {
      const [locked] = await tx.query(`SELECT status FROM commendations WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw new NotFoundError('commendation', id);
      if (locked.status !== 'nominated') {
        throw new ConflictError(`The nomination was decided already (${locked.status})`, [{ field: 'status', reason: `is ${locked.status}; must be nominated` }], 'INVALID_STATE');
      }
      const before = await this.get(id, tx);
      await tx.query(
        `UPDATE commendations SET status = $2, decision_reason = $3, award_title = $4, decided_by = $5, decided_at = now() WHERE id = $1`,
        [id, dto.decision, dto.reason, dto.decision === 'awarded' ? dto.awardTitle ?? '서울특별시교육감 표창' : null, actor.id],
      );
      const after = await this.get(id, tx);
      await this.audit.record(tx, actor, {
        action: 'decide', entityType: COMMENDATION_ENTITY, entityId: id, schoolId: before.schoolId,
        before: { status: before.status }, after: { status: after.status, decisionReason: after.decisionReason, awardTitle: after.awardTitle },
      });
    });
    return this.get(id);
  }

  /** The year's commendations for the 표창 procedure: those awarded, then every nomination. */
  async exportYear(year: number, user: AuthUser): Promise<{ rows: CommendationDto[]; workbook: Buffer }> {
    const rows = await this.list(user, { year });
    const offices: { code: string; name: string }[] = await this.ds.query(`SELECT code, name FROM district_offices`);
    const officeName = new Map(offices.map((o) => [o.code, o.name]));
    const sheetRows = (list: CommendationDto[]) =>
      list.map((r, i) => ({
        ...r,
        no: i + 1,
        kind: NOMINEE_KIND_KO[r.nomineeKind as NomineeKind] ?? r.nomineeKind,
        districtOfficeName: r.districtOffice ? officeName.get(r.districtOffice) ?? r.districtOffice : '서울특별시교육청',
        evidence: r.evidence.map((e) => e.label).join('\n'),
        status: COMMENDATION_STATUS_KO[r.status as CommendationStatus] ?? r.status,
      }));
    const workbook = await buildWorkbook([
      { name: `${year} 표창 대상`, columns: EXPORT_COLUMNS, rows: sheetRows(rows.filter((r) => r.status === 'awarded')) },
      { name: `${year} 추천 전체`, columns: EXPORT_COLUMNS, rows: sheetRows(rows) },
    ]);
    return { rows, workbook };
  }

  private async resolveNominee(dto: NominateDto): Promise<{ field: string; nominee: Nominee }> {
    const ids = { teacher: ['nomineeUserId', dto.nomineeUserId], school: ['nomineeSchoolId', dto.nomineeSchoolId], club: ['nomineeClubId', dto.nomineeClubId], community: ['nomineeCommunityId', dto.nomineeCommunityId] } as const;
    const kind = dto.nomineeKind as NomineeKind;
    const [field, value] = ids[kind];
    const problems: ErrorDetail[] = [];
    if (value === undefined || value === null) problems.push({ field, reason: `required for a ${kind} nominee` });
    for (const [k, [f, v]] of Object.entries(ids)) if (k !== kind && v !== undefined && v !== null) problems.push({ field: f, reason: `not for a ${kind} nominee` });
    if (problems.length) throw new ValidationFailedError('Name the nominee', problems);
    const nominee = await this.findNominee(kind, value!);
    if (!nominee) throw new ValidationFailedError(`No such ${kind}`, [{ field, reason: `no ${kind} ${value}` }]);
    return { field, nominee };
  }

  private async findNominee(kind: NomineeKind, id: string | number): Promise<Nominee | undefined> {
    const office = `(SELECT d.office_code FROM schools s2 JOIN districts d ON d.name = s2.district WHERE s2.id = x.school_id)`;
    switch (kind) {
      case 'teacher': {
        const [row] = await this.ds.query(
          `SELECT coalesce(nullif(x.display_name, ''), x.email) AS name, x.school_id AS "schoolId", ${office} AS "districtOffice"
           FROM users x WHERE x.id = $1 AND x.role IN ('teacher', 'principal')`,
          [id],
        );
        return row;
      }
      case 'school': {
        const [row] = await this.ds.query(`SELECT x.name, x.id AS "schoolId", ${office.replace('x.school_id', 'x.id')} AS "districtOffice" FROM schools x WHERE x.id = $1`, [id]);
        return row;
      }
      case 'club': {
        const [row] = await this.ds.query(
          `SELECT x.name || ' (' || s.name || ')' AS name, x.school_id AS "schoolId", ${office} AS "districtOffice" FROM ai_clubs x JOIN schools s ON s.id = x.school_id WHERE x.id = $1`,
          [id],
        );
        return row;
      }
      case 'community':
        return this.communities.nominee(Number(id));
    }
  }

  private inScope(n: { schoolId: number | null; districtOffice: string | null }, user: AuthUser): boolean {
    switch (user.role) {
      case 'city_admin':
        return true;
      case 'district_admin':
        return n.districtOffice !== null && n.districtOffice === user.districtOffice;
      case 'principal':
        return n.schoolId !== null && n.schoolId === user.schoolId;
      default:
        return false;
    }
  }

  private visibleSql(user: AuthUser, p: SqlParams): string {
    switch (user.role) {
      case 'city_admin':
        return 'TRUE';
      case 'district_admin':
        return `c.district_office_code = ${p.add(user.districtOffice)}`;
      case 'principal':
        return `c.school_id = ${p.add(user.schoolId)}`;
      default:
        return 'FALSE';
    }
  }

  /** Each piece of evidence must exist (a badge not revoked, and the teacher's own; a case published). */
  private async checkEvidence(list: EvidenceDto[], kind: NomineeKind, nomineeUserId?: string): Promise<{ kind: EvidenceKind; ref: string; label: string }[]> {
    const out: { kind: EvidenceKind; ref: string; label: string }[] = [];
    const problems: ErrorDetail[] = [];
    for (const [i, e] of list.entries()) {
      const field = `evidence.${i}.ref`;
      const ref = e.ref.trim();
      const asId = /^[1-9]\d{0,9}$/.test(ref) && Number(ref) <= 2_147_483_647 ? Number(ref) : undefined;
      switch (e.kind as EvidenceKind) {
        case 'designation_evaluation': {
          const [row] = asId
            ? await this.ds.query(
                `SELECT t.name AS type, e.kind, e.score::float AS score, to_char(e.evaluated_on, 'YYYY-MM-DD') AS "on", s.name AS school
                 FROM designation_evaluations e JOIN designations d ON d.id = e.designation_id JOIN designation_types t ON t.code = d.type_code JOIN schools s ON s.id = d.school_id
                 WHERE e.id = $1`,
                [asId],
              )
            : [];
          if (!row) problems.push({ field, reason: `no designation evaluation ${ref}` });
          else out.push({ kind: 'designation_evaluation', ref, label: `${row.school} ${row.type} ${row.kind === 'final' ? '최종' : '중간'} 평가 ${row.score}점 (${row.on})` });
          break;
        }
        case 'training_badge': {
          const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
          const [row] = uuid
            ? await this.ds.query(
                `SELECT coalesce(tc.title, 'AI·디지털 역량 ' || b.pathway_level || ' 과정') AS title, p.user_id AS "userId", b.revoked_at IS NOT NULL AS revoked
                 FROM badge_credentials b JOIN training_participants p ON p.id = b.participant_id
                 LEFT JOIN training_completions c ON c.id = b.completion_id LEFT JOIN training_courses tc ON tc.id = c.course_id
                 WHERE b.id = $1`,
                [ref],
              )
            : [];
          if (!row) problems.push({ field, reason: `no training badge ${ref}` });
          else if (row.revoked) problems.push({ field, reason: 'the badge was revoked' });
          else if (kind === 'teacher' && row.userId !== nomineeUserId) problems.push({ field, reason: "not the nominee's badge" });
          else out.push({ kind: 'training_badge', ref: ref.toLowerCase(), label: `디지털 배지: ${row.title}` });
          break;
        }
        case 'practice_case': {
          const title = asId ? await this.cases.publishedTitle(asId) : undefined;
          if (!title) problems.push({ field, reason: `no published case ${ref}` });
          else out.push({ kind: 'practice_case', ref, label: `우수사례: ${title}` });
          break;
        }
      }
    }
    if (problems.length) throw new ValidationFailedError('Some evidence was not found', problems);
    return out;
  }
}
