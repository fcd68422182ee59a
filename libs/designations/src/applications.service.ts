import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AttachmentStorage, AuditLog, AuthUser, ConflictError, ForbiddenError, NotFoundError, rethrowConstraint, StoredFileMissingError, Upload, ValidationFailedError } from '@app/core';
import { CallsService } from './calls.service';
import type { ApplicationDto } from './designation.dto';

export interface ApplicationRow {
  id: number;
  callId: number;
  schoolId: number;
  schoolName: string;
  schoolLevel: string;
  districtOffice: string;
  status: 'draft' | 'submitted' | 'withdrawn' | 'designated' | 'rejected';
  planSummary: string;
  submittedAt: string | null;
  withdrawnAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  attachments: { id: number; kind: string; filename: string; byteSize: number; uploadedAt: string }[];
}

export const APPLICATION_SELECT = `
  SELECT a.id, a.call_id AS "callId", a.school_id AS "schoolId", s.name AS "schoolName", s.level AS "schoolLevel",
         d.office_code AS "districtOffice", a.status, a.plan_summary AS "planSummary", a.submitted_at AS "submittedAt",
         a.withdrawn_at AS "withdrawnAt", a.decided_at AS "decidedAt", a.decision_reason AS "decisionReason",
         coalesce((SELECT json_agg(json_build_object('id', f.id, 'kind', f.kind, 'filename', f.filename, 'byteSize', f.byte_size,
                   'uploadedAt', f.uploaded_at) ORDER BY f.id) FROM designation_attachments f WHERE f.application_id = a.id), '[]') AS attachments
  FROM designation_applications a JOIN schools s ON s.id = a.school_id JOIN districts d ON d.name = s.district`;

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calls: CallsService,
    private readonly audit: AuditLog,
    private readonly storage: AttachmentStorage,
  ) {}

  schoolOf = async (id: number): Promise<number | undefined> => {
    const [row] = await this.ds.query(`SELECT school_id FROM designation_applications WHERE id = $1`, [id]);
    return row?.school_id;
  };

  async get(id: number, manager: EntityManager = this.ds.manager): Promise<ApplicationRow> {
    const [row] = await manager.query(`${APPLICATION_SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw new NotFoundError('application', id);
    return row;
  }

  /** A principal applies for their own school only; the school comes from the account, never the request. */
  async create(callId: number, dto: ApplicationDto, actor: AuthUser): Promise<ApplicationRow> {
    if (actor.role !== 'principal' || !actor.schoolId) throw new ForbiddenError('Only a principal applies, for their own school');
    const schoolId = actor.schoolId;
    const call = await this.calls.get(callId);
    this.calls.assertOpen(call, 'Applying');
    const [school] = await this.ds.query(`SELECT level FROM schools WHERE id = $1`, [schoolId]);
    if (!call.eligibleLevels.includes(school.level)) {
      throw new ConflictError(`This call is for ${call.eligibleLevels.join(', ')} schools`, [{ field: 'schoolLevel', reason: `${school.level} is not eligible` }], 'SCHOOL_NOT_ELIGIBLE');
    }
    const [designated] = await this.ds.query(
      `SELECT id, to_char(term_start, 'YYYY-MM-DD') AS "termStart", to_char(term_end, 'YYYY-MM-DD') AS "termEnd" FROM designations
       WHERE school_id = $1 AND type_code = $2 AND status = 'active' AND term_start <= $4 AND term_end >= $3`,
      [schoolId, call.type, call.termStart, call.termEnd],
    );
    if (designated) {
      throw new ConflictError(`The school is already designated as ${call.typeName} for ${designated.termStart} – ${designated.termEnd}, which overlaps this term`, [{ field: 'call', reason: 'already designated' }], 'ALREADY_DESIGNATED');
    }
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx
        .query(
          `INSERT INTO designation_applications (call_id, school_id, plan_summary, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
          [callId, schoolId, dto.planSummary ?? '', actor.id],
        )
        .catch((e) => rethrowConstraint(e, { designation_applications_live_key: { field: 'call', message: 'Your school already has an application for this call; withdraw it first to start again' } }));
      await this.audit.record(tx, actor, { action: 'create', entityType: 'designation_application', entityId: id, schoolId, after: { status: 'draft', planSummary: dto.planSummary ?? '' } });
      return id as number;
    });
    return this.get(id);
  }

  update(id: number, dto: ApplicationDto, actor: AuthUser): Promise<ApplicationRow> {
    return this.transition(id, actor, 'update', ['draft'], async (tx) => {
      await tx.query(`UPDATE designation_applications SET plan_summary = $2, updated_at = now() WHERE id = $1`, [id, dto.planSummary ?? '']);
    });
  }

  submit(id: number, actor: AuthUser): Promise<ApplicationRow> {
    return this.transition(id, actor, 'submit', ['draft'], async (tx, app) => {
      const call = await this.calls.get(app.callId);
      const have = new Set(app.attachments.map((a) => a.kind));
      const missing = call.requiredAttachments.filter((k) => !have.has(k));
      if (missing.length) {
        throw new ValidationFailedError(`Attach ${missing.join(', ')} before submitting`, missing.map((kind) => ({ field: 'attachments', kind, reason: 'required attachment missing' })), 'ATTACHMENTS_MISSING');
      }
      await tx.query(`UPDATE designation_applications SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE id = $1`, [id]);
    });
  }

  withdraw(id: number, actor: AuthUser): Promise<ApplicationRow> {
    return this.transition(id, actor, 'withdraw', ['draft', 'submitted'], async (tx) => {
      await tx.query(`UPDATE designation_applications SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = $1`, [id]);
    });
  }

  async attach(id: number, kind: string, upload: Upload, actor: AuthUser): Promise<ApplicationRow> {
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(kind)) throw new ValidationFailedError('Invalid attachment kind', [{ field: 'kind', reason: 'must be a lowercase code such as operating_plan' }]);
    this.storage.check(upload.filename, upload.buffer);
    // Stored in the transaction that adds its row (PostgreSQL file store): a refused attach leaves no file behind.
    return this.transition(id, actor, 'attach', ['draft'], async (tx) => {
      const stored = await this.storage.store(upload.filename, upload.buffer, tx);
      await tx.query(
        `INSERT INTO designation_attachments (application_id, kind, filename, content_type, byte_size, sha256, storage_key, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, kind, upload.filename, stored.contentType, stored.byteSize, stored.sha256, stored.storageKey, actor.id],
      );
    });
  }

  async attachment(id: number, attachmentId: number): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const [row] = await this.ds.query(
      `SELECT filename, content_type AS "contentType", storage_key AS "storageKey" FROM designation_attachments WHERE id = $1 AND application_id = $2`,
      [attachmentId, id],
    );
    if (!row) throw new NotFoundError('attachment', attachmentId);
    const content = await this.storage.read(row.storageKey).catch((e) => {
      throw e instanceof StoredFileMissingError ? new NotFoundError('attachment', attachmentId) : e;
    });
    return { filename: row.filename, contentType: row.contentType, content };
  }

  listForSchool(schoolId: number): Promise<ApplicationRow[]> {
    return this.ds.query(`${APPLICATION_SELECT} WHERE a.school_id = $1 ORDER BY a.id DESC`, [schoolId]);
  }

  /**
   * An applicant's change of state: the row is locked, the call must be open, the status must allow it,
   * and the before/after goes to the audit log in the same transaction.
   */
  private async transition(id: number, actor: AuthUser, action: string, from: ApplicationRow['status'][], change: (tx: EntityManager, app: ApplicationRow) => Promise<void>): Promise<ApplicationRow> {
    await this.ds.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM designation_applications WHERE id = $1 FOR UPDATE`, [id]);
      const before = await this.get(id, tx);
      if (!from.includes(before.status)) {
        throw new ConflictError(`Cannot ${action} an application that is ${before.status}`, [{ field: 'status', reason: `is ${before.status}; must be ${from.join(' or ')}` }], 'INVALID_STATE');
      }
      this.calls.assertOpen(await this.calls.get(before.callId), action === 'withdraw' ? 'Withdrawing' : 'Changing an application');
      await change(tx, before);
      const after = await this.get(id, tx);
      await this.audit.record(tx, actor, { action, entityType: 'designation_application', entityId: id, schoolId: before.schoolId, before: auditView(before), after: auditView(after) });
    });
    return this.get(id);
  }
}

export function auditView(a: ApplicationRow) {
  return { status: a.status, planSummary: a.planSummary, attachments: a.attachments.map((f) => `${f.kind}:${f.filename}`), decisionReason: a.decisionReason };
}
