import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AttachmentStorage, AuditLog, AuthUser, ConflictError, ForbiddenError, NotFoundError, Page, SqlParams, StoredFileMissingError, Upload, ValidationFailedError,
} from '@app/core';
import type { CaseStatus } from '../practice-terms';
import type { CaseListQuery, CreateCaseDto, PublicCaseQuery, ReviewCaseDto } from './case.dto';
import type { PracticeCaseDto, PublicCaseDto } from './case-responses.dto';

export const CASE_ENTITY = 'practice_case';

const CASE_FROM = `
  FROM practice_cases c
  LEFT JOIN schools s ON s.id = c.school_id
  LEFT JOIN district_offices o ON o.code = c.district_office_code
  LEFT JOIN ai_clubs k ON k.id = c.club_id
  LEFT JOIN designations g ON g.id = c.designation_id
  LEFT JOIN designation_types t ON t.code = g.type_code`;

const CASE_SELECT = `
  SELECT c.id, c.title, c.school_level AS "schoolLevel", c.area, c.description, c.school_id AS "schoolId", s.name AS "schoolName",
         c.district_office_code AS "districtOffice", o.name AS "districtOfficeName", c.club_id AS "clubId", k.name AS "clubName",
         c.designation_id AS "designationId", t.name AS "designationTypeName", c.status, c.submitted_at AS "submittedAt",
         c.reviewed_at AS "reviewedAt", c.review_comment AS "reviewComment", c.published_at AS "publishedAt",
         coalesce((SELECT json_agg(json_build_object('id', f.id, 'filename', f.filename, 'byteSize', f.byte_size, 'uploadedAt', f.uploaded_at) ORDER BY f.id)
                   FROM practice_case_attachments f WHERE f.case_id = c.id), '[]') AS attachments
  ${CASE_FROM}`;

/** What the public gallery shows: nothing about accounts or the review. */
const PUBLIC_SELECT = `
  SELECT c.id, c.title, c.school_level AS "schoolLevel", c.area, c.description, s.name AS "schoolName", o.name AS "districtOfficeName",
         k.name AS "clubName", t.name AS "designationTypeName", c.published_at AS "publishedAt",
         coalesce((SELECT json_agg(json_build_object('id', f.id, 'filename', f.filename, 'byteSize', f.byte_size) ORDER BY f.id)
                   FROM practice_case_attachments f WHERE f.case_id = c.id), '[]') AS attachments
  ${CASE_FROM}`;

interface CaseRow extends PracticeCaseDto {}

/**
 * 우수사례 (조례 제8조): a principal submits for their own school, the district office of the
 * school reviews, the city publishes; published cases are public. An office or the city may record
 * a case of its own (already reviewed).
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly storage: AttachmentStorage,
  ) {}

  async create(dto: CreateCaseDto, actor: AuthUser): Promise<PracticeCaseDto> {
    let schoolId: number | null = dto.schoolId ?? null;
    if (actor.role === 'principal') {
      if (schoolId !== null && schoolId !== actor.schoolId) {
        throw new ForbiddenError('A principal submits cases of their own school only', 'SCHOOL_OUT_OF_SCOPE', [{ field: 'schoolId', reason: 'not your school' }]);
      }
      schoolId = actor.schoolId;
    } else if (actor.role !== 'district_admin' && actor.role !== 'city_admin') {
      throw new ForbiddenError('Principals, district offices and the city record cases');
    }
    let level = dto.schoolLevel ?? null;
    let office: string | null = actor.role === 'district_admin' ? actor.districtOffice : null;
    let clubId = dto.clubId ?? null;
    let designationId = dto.designationId ?? null;
    if (schoolId !== null) {
      const [school] = await this.ds.query(`SELECT s.id, s.level, d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district WHERE s.id = $1`, [schoolId]);
      if (!school) throw new ValidationFailedError('No such school', [{ field: 'schoolId', reason: `no school ${schoolId}` }]);
      if (actor.role === 'district_admin' && school.office !== actor.districtOffice) {
        throw new ForbiddenError("The school is not in your office's district", 'SCHOOL_OUT_OF_SCOPE', [{ field: 'schoolId', reason: 'not in your office' }]);
      }
      level = school.level;
      office = school.office;
      const problems: { field: string; reason: string }[] = [];
      if (clubId !== null) {
        const [club] = await this.ds.query(`SELECT 1 FROM ai_clubs WHERE id = $1 AND school_id = $2`, [clubId, schoolId]);
        if (!club) problems.push({ field: 'clubId', reason: `the school has no AI club ${clubId}` });
      } else {
        const [club] = await this.ds.query(`SELECT id FROM ai_clubs WHERE school_id = $1 ORDER BY school_year DESC, id LIMIT 1`, [schoolId]);
        clubId = club?.id ?? null;
      }
      if (designationId !== null) {
        const [d] = await this.ds.query(`SELECT 1 FROM designations WHERE id = $1 AND school_id = $2`, [designationId, schoolId]);
        if (!d) problems.push({ field: 'designationId', reason: `the school has no designation ${designationId}` });
      } else {
        const [d] = await this.ds.query(`SELECT id FROM designations WHERE school_id = $1 AND status = 'active' ORDER BY term_end DESC, id DESC LIMIT 1`, [schoolId]);
        designationId = d?.id ?? null;
      }
      if (problems.length) throw new ValidationFailedError('Invalid links', problems);
    } else {
      const problems: { field: string; reason: string }[] = [];
      if (!level) problems.push({ field: 'schoolLevel', reason: 'required when the case has no school' });
      if (clubId !== null) problems.push({ field: 'clubId', reason: 'only a school case links a club' });
      if (designationId !== null) problems.push({ field: 'designationId', reason: 'only a school case links a designation' });
      if (problems.length) throw new ValidationFailedError('Invalid case', problems);
    }
    // A principal's case waits for the office's review; an office's or the city's own is reviewed already.
    const status: CaseStatus = actor.role === 'principal' ? 'submitted' : 'reviewed';
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO practice_cases (school_id, district_office_code, title, school_level, area, description, club_id, designation_id, status, submitted_by,
           reviewed_by, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $9 = 'reviewed' THEN $10::uuid END, CASE WHEN $9 = 'reviewed' THEN now() END) RETURNING id`,
        [schoolId, office, dto.title, level, dto.area, dto.description, clubId, designationId, status, actor.id],
      );
      await this.audit.record(tx, actor, { action: 'submit', entityType: CASE_ENTITY, entityId: id, schoolId, after: { status, title: dto.title, area: dto.area, schoolLevel: level } });
      return id as number;
    });
    return this.get(id);
  }

  async get(id: number, manager: EntityManager = this.ds.manager): Promise<PracticeCaseDto> {
    const [row] = await manager.query(`${CASE_SELECT} WHERE c.id = $1`, [id]);
    if (!row) throw new NotFoundError('case', id);
    return row;
  }

  /** Published cases: everyone signed in. Otherwise the school's principal, the office of the case, the city. */
  async getFor(id: number, user: AuthUser): Promise<PracticeCaseDto> {
    const row = await this.get(id);
    if (!this.mayRead(row, user)) throw new ForbiddenError('This case is not published and not yours to see', 'CASE_OUT_OF_SCOPE');
    return row;
  }

  async list(user: AuthUser, q: CaseListQuery): Promise<Page<PracticeCaseDto>> {
    const p = new SqlParams();
    const where = [this.visibleSql(user, p)];
    if (q.status) where.push(`c.status = ${p.add(q.status)}`);
    if (q.level) where.push(`c.school_level = ${p.add(q.level)}`);
    if (q.area) where.push(`c.area = ${p.add(q.area)}`);
    const cond = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${CASE_FROM} WHERE ${cond}`, p.values);
    const items = await this.ds.query(`${CASE_SELECT} WHERE ${cond} ORDER BY c.id DESC LIMIT ${p.add(q.pageSize)} OFFSET ${p.add((q.page - 1) * q.pageSize)}`, p.values);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async review(id: number, dto: ReviewCaseDto, actor: AuthUser): Promise<PracticeCaseDto> {
    return this.transition(id, actor, 'review', ['submitted'], (c) => this.assertOffice(c, actor), async (tx) => {
      const status: CaseStatus = dto.decision === 'approve' ? 'reviewed' : 'returned';
      await tx.query(`UPDATE practice_cases SET status = $2, reviewed_by = $3, reviewed_at = now(), review_comment = $4, updated_at = now() WHERE id = $1`, [id, status, actor.id, dto.comment ?? null]);
    });
  }

  /** A returned case goes back to the office once the school has answered the comment (e.g. with a new attachment). */
  async resubmit(id: number, actor: AuthUser): Promise<PracticeCaseDto> {
    return this.transition(id, actor, 'resubmit', ['returned'], (c) => this.assertWriter(c, actor), async (tx) => {
      await tx.query(`UPDATE practice_cases SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE id = $1`, [id]);
    });
  }

  async publish(id: number, actor: AuthUser): Promise<PracticeCaseDto> {
    if (actor.role !== 'city_admin') throw new ForbiddenError('The city publishes cases');
    return this.transition(id, actor, 'publish', ['reviewed'], () => undefined, async (tx) => {
      await tx.query(`UPDATE practice_cases SET status = 'published', published_by = $2, published_at = now(), updated_at = now() WHERE id = $1`, [id, actor.id]);
    });
  }

  async attach(id: number, upload: Upload, actor: AuthUser): Promise<PracticeCaseDto> {
    // Checked before anything is written: a refused file leaves no row and no stored object.
    this.storage.check(upload.filename, upload.buffer);
    return this.transition(id, actor, 'attach', ['submitted', 'returned', 'reviewed'], (c) => this.assertWriter(c, actor), async (tx) => {
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM practice_case_attachments WHERE case_id = $1`, [id]);
      if (n >= 20) throw new ValidationFailedError('A case has at most 20 attachments', [{ field: 'file', reason: 'at most 20 attachments per case' }]);
      const stored = await this.storage.store(upload.filename, upload.buffer, tx);
      await tx.query(
        `INSERT INTO practice_case_attachments (case_id, filename, content_type, byte_size, sha256, storage_key, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, upload.filename, stored.contentType, stored.byteSize, stored.sha256, stored.storageKey, actor.id],
      );
    });
  }

  /** An attachment of a case the caller may read; `null` user: the public, published cases only. */
  async attachment(id: number, attachmentId: number, user: AuthUser | null): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const c = await this.get(id);
    if (user ? !this.mayRead(c, user) : c.status !== 'published') {
      if (!user) throw new NotFoundError('case', id);
      throw new ForbiddenError('This case is not published and not yours to see', 'CASE_OUT_OF_SCOPE');
    }
    const [row] = await this.ds.query(
      `SELECT filename, content_type AS "contentType", storage_key AS "storageKey" FROM practice_case_attachments WHERE id = $1 AND case_id = $2`,
      [attachmentId, id],
    );
    if (!row) throw new NotFoundError('attachment', attachmentId);
    const content = await this.storage.read(row.storageKey).catch((e) => {
      throw e instanceof StoredFileMissingError ? new NotFoundError('attachment', attachmentId) : e;
    });
    return { filename: row.filename, contentType: row.contentType, content };
  }

  /** The public gallery: published cases only, by level, area and words. */
  async publicList(q: PublicCaseQuery): Promise<Page<PublicCaseDto>> {
    const p = new SqlParams();
    const where = [`c.status = 'published'`];
    if (q.level) where.push(`c.school_level = ${p.add(q.level)}`);
    if (q.area) where.push(`c.area = ${p.add(q.area)}`);
    if (q.q) {
      const like = p.add(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      where.push(`(c.title ILIKE ${like} OR c.description ILIKE ${like})`);
    }
    const cond = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${CASE_FROM} WHERE ${cond}`, p.values);
    const items = await this.ds.query(`${PUBLIC_SELECT} WHERE ${cond} ORDER BY c.published_at DESC, c.id DESC LIMIT ${p.add(q.pageSize)} OFFSET ${p.add((q.page - 1) * q.pageSize)}`, p.values);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async publicGet(id: number): Promise<PublicCaseDto> {
    const [row] = await this.ds.query(`${PUBLIC_SELECT} WHERE c.id = $1 AND c.status = 'published'`, [id]);
    if (!row) throw new NotFoundError('case', id);
    return row;
  }

  /** Whether a published case with this id exists (evidence for a commendation). */
  async publishedTitle(id: number): Promise<string | undefined> {
    const [row] = await this.ds.query(`SELECT title FROM practice_cases WHERE id = $1 AND status = 'published'`, [id]);
    return row?.title;
  }

  private mayRead(c: CaseRow, user: AuthUser): boolean {
    if (c.status === 'published') return true;
    switch (user.role) {
      case 'city_admin':
        return true;
      case 'district_admin':
        return c.districtOffice === user.districtOffice;
      case 'principal':
        return c.schoolId !== null && c.schoolId === user.schoolId;
      default:
        return false;
    }
  }

  private visibleSql(user: AuthUser, p: SqlParams): string {
    switch (user.role) {
      case 'city_admin':
        return 'TRUE';
      case 'district_admin':
        return `(c.status = 'published' OR c.district_office_code = ${p.add(user.districtOffice)})`;
      case 'principal':
        return `(c.status = 'published' OR c.school_id = ${p.add(user.schoolId)})`;
      default:
        return `c.status = 'published'`;
    }
  }

  /** The district office of the case's school (or of the office's own case), or the city. */
  private assertOffice(c: CaseRow, actor: AuthUser): void {
    if (actor.role === 'city_admin') return;
    if (actor.role === 'district_admin' && c.districtOffice === actor.districtOffice) return;
    throw new ForbiddenError("Only the case's district office or the city reviews it", 'OFFICE_OUT_OF_SCOPE');
  }

  /** Who may add to a case: its school's principal, its office, the city. */
  private assertWriter(c: CaseRow, actor: AuthUser): void {
    if (actor.role === 'city_admin') return;
    if (actor.role === 'district_admin' && c.districtOffice === actor.districtOffice) return;
    if (actor.role === 'principal' && c.schoolId !== null && c.schoolId === actor.schoolId) return;
    throw new ForbiddenError('You may not change this case', 'CASE_OUT_OF_SCOPE');
  }

  private async transition(
    id: number, actor: AuthUser, action: string, from: CaseStatus[], authorise: (c: CaseRow) => void, change: (tx: EntityManager, c: CaseRow) => Promise<void>,
  ): Promise<PracticeCaseDto> {
    await this.ds.transaction(async (tx) => {
      const [locked] = await tx.query(`SELECT 1 FROM practice_cases WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw new NotFoundError('case', id);
      const before = await this.get(id, tx);
      authorise(before);
      if (!from.includes(before.status as CaseStatus)) {
        throw new ConflictError(`Cannot ${action} a case that is ${before.status}`, [{ field: 'status', reason: `is ${before.status}; must be ${from.join(' or ')}` }], 'INVALID_STATE');
      }
      await change(tx, before);
      const after = await this.get(id, tx);
      await this.audit.record(tx, actor, { action, entityType: CASE_ENTITY, entityId: id, schoolId: before.schoolId, before: auditView(before), after: auditView(after) });
    });
    return this.get(id);
  }
}

function auditView(c: PracticeCaseDto) {
  return { status: c.status, reviewComment: c.reviewComment, attachments: c.attachments.map((a) => a.filename) };
}
