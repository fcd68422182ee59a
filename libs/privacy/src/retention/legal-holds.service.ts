import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, NotFoundError, ValidationFailedError } from '@app/core';
import type { CreateLegalHoldDto, LegalHoldDto } from './retention.dto';

const HOLD_SELECT = `SELECT h.id, h.school_id AS "schoolId", coalesce(s.name, ss.name) AS "schoolName", h.student_id AS "studentId", st.student_code AS "studentCode",
  h.reason, h.set_by AS "setBy", su.display_name AS "setByName", h.set_at AS "setAt",
  h.released_by AS "releasedBy", ru.display_name AS "releasedByName", h.released_at AS "releasedAt", h.released_at IS NULL AS active
  FROM legal_holds h LEFT JOIN schools s ON s.id = h.school_id LEFT JOIN students st ON st.id = h.student_id LEFT JOIN schools ss ON ss.id = st.school_id
  LEFT JOIN users su ON su.id = h.set_by LEFT JOIN users ru ON ru.id = h.released_by`;

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);
const view = (row: Record<string, unknown>): LegalHoldDto => ({ ...(row as unknown as LegalHoldDto), setAt: iso(row.setAt)!, releasedAt: iso(row.releasedAt) });

/**
 * 법적 보존: a dispute, an audit or an investigation keeps a school's or a student's personal data
 * past its retention until a city administrator releases the hold. Destruction skips what a hold
 * keeps and counts it (destruction-parts.ts); a data subject's deletion request is refused while it stands.
 */
@Injectable()
export class LegalHolds {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<LegalHoldDto[]> {
    return (await this.ds.query(`${HOLD_SELECT} ORDER BY h.released_at IS NULL DESC, h.set_at DESC, h.id DESC`)).map(view);
  }

  private async get(id: number, db: EntityManager = this.ds.manager): Promise<LegalHoldDto> {
    const [row] = await db.query(`${HOLD_SELECT} WHERE h.id = $1`, [id]);
    if (!row) throw new NotFoundError('legal hold', id);
    return view(row);
  }

  async create(dto: CreateLegalHoldDto, actor: AuthUser): Promise<LegalHoldDto> {
    if ((dto.schoolId === undefined) === (dto.studentId === undefined)) {
      const reason = 'give exactly one of schoolId and studentId';
      throw new ValidationFailedError('A hold is on a school or on a student', [{ field: 'schoolId', reason }, { field: 'studentId', reason }]);
    }
    const id = await this.ds.transaction(async (tx) => {
      let schoolId: number;
      if (dto.schoolId !== undefined) {
        const [school] = await tx.query(`SELECT id FROM schools WHERE id = $1`, [dto.schoolId]);
        if (!school) throw new NotFoundError('school', dto.schoolId);
        schoolId = school.id;
      } else {
        const [student] = await tx.query(`SELECT school_id FROM students WHERE id = $1`, [dto.studentId]);
        if (!student) throw new NotFoundError('student', dto.studentId!);
        schoolId = student.school_id;
      }
      const [{ id }] = await tx.query(`INSERT INTO legal_holds (school_id, student_id, reason, set_by) VALUES ($1, $2, $3, $4) RETURNING id`, [
        dto.schoolId ?? null, dto.studentId ?? null, dto.reason, actor.id,
      ]);
      await this.audit.record(tx, actor, {
        action: 'legal_hold.set', entityType: 'legal_hold', entityId: id, schoolId,
        after: { schoolId: dto.schoolId ?? null, studentId: dto.studentId ?? null, reason: dto.reason },
      });
      return id as number;
    });
    return this.get(id);
  }

  async release(id: number, actor: AuthUser): Promise<LegalHoldDto> {
    await this.ds.transaction(async (tx) => {
      const [row] = await tx.query(
        `SELECT h.released_at, coalesce(h.school_id, st.school_id) AS school_id FROM legal_holds h LEFT JOIN students st ON st.id = h.student_id WHERE h.id = $1 FOR UPDATE OF h`,
        [id],
      );
      if (!row) throw new NotFoundError('legal hold', id);
      if (row.released_at) throw new ConflictError('The hold was already released', [{ field: 'id', reason: `released at ${iso(row.released_at)}` }], 'HOLD_RELEASED');
      await tx.query(`UPDATE legal_holds SET released_by = $2, released_at = now() WHERE id = $1`, [id, actor.id]);
      await this.audit.record(tx, actor, { action: 'legal_hold.released', entityType: 'legal_hold', entityId: id, schoolId: row.school_id, before: { active: true }, after: { active: false } });
    });
    return this.get(id);
  }
}
