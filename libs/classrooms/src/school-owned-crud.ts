import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditLog, AuthUser, ConstraintMessages, NotFoundError, rethrowConstraint } from '@app/core';
import { ClassroomService } from './classroom.service';
import { snapshot } from './snapshot';

interface SchoolOwned extends ObjectLiteral {
  id: number;
  schoolId: number;
}

/**
 * Create, change and remove rows that belong to one school's classroom, each change audited in
 * the same transaction. Equipment and clubs differ only in entity, name and constraints.
 */
export class SchoolOwnedCrud<T extends SchoolOwned> {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly classrooms: ClassroomService,
    private readonly entity: EntityTarget<T>,
    private readonly entityType: string,
    private readonly constraints: ConstraintMessages,
  ) {}

  list(schoolId: number, order: Record<string, 'ASC' | 'DESC'>): Promise<T[]> {
    return this.ds.manager.find(this.entity, { where: { schoolId } as never, order: order as never });
  }

  async create(schoolId: number, data: Partial<T>, actor: AuthUser, check?: (row: T) => void): Promise<T> {
    return this.guarded(() =>
      this.ds.transaction(async (tx) => {
        await this.classrooms.load(schoolId, tx);
        const row = tx.create(this.entity, { ...data, schoolId } as never) as T;
        check?.(row);
        // Reloaded so database defaults (condition 'good', timestamps) are in the answer and the audit record.
        const saved = await tx.findOneByOrFail(this.entity, { id: (await tx.save(this.entity, row)).id } as never);
        await this.audit.record(tx, actor, { action: 'create', entityType: this.entityType, entityId: saved.id, schoolId, after: snapshot(saved) });
        return saved;
      }),
    );
  }

  async update(schoolId: number, id: number, changes: Partial<T>, actor: AuthUser, check?: (row: T) => void): Promise<T> {
    return this.guarded(() =>
      this.ds.transaction(async (tx) => {
        const before = await tx.findOne(this.entity, { where: { id, schoolId } as never, lock: { mode: 'pessimistic_write' } });
        if (!before) throw new NotFoundError(this.entityType, id);
        const after = tx.merge(this.entity, tx.create(this.entity, before as never) as T, changes as never);
        check?.(after);
        await tx.save(this.entity, after);
        const saved = await tx.findOneByOrFail(this.entity, { id } as never);
        await this.audit.record(tx, actor, { action: 'update', entityType: this.entityType, entityId: id, schoolId, before: snapshot(before), after: snapshot(saved) });
        return saved;
      }),
    );
  }

  async remove(schoolId: number, id: number, actor: AuthUser): Promise<void> {
    await this.ds.transaction(async (tx) => {
      const before = await tx.findOne(this.entity, { where: { id, schoolId } as never, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundError(this.entityType, id);
      await tx.delete(this.entity, { id } as never);
      await this.audit.record(tx, actor, { action: 'delete', entityType: this.entityType, entityId: id, schoolId, before: snapshot(before) });
    });
  }

  private async guarded<R>(fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (e) {
      rethrowConstraint(e, this.constraints);
    }
  }
}
