import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ForbiddenError, NotFoundError, schoolYearOf } from '@app/core';
import { Classroom, MIN_FLOOR_AREA_UNITS } from './classroom.entity';
import { ADMIN_ONLY_CLASSROOM_FIELDS, UpdateClassroomDto } from './classroom.dto';
import { snapshot } from './snapshot';

export interface ClassroomFlags {
  areaBelowMinimum: boolean;
  areaUnknown: boolean;
  noClubThisYear: boolean;
}

export const CLASSROOM_HISTORY_TYPES = ['classroom', 'equipment_item', 'ai_club'];

@Injectable()
export class ClassroomService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** The classroom of a school, or 404 when the school has none. */
  async load(schoolId: number, manager: EntityManager = this.ds.manager, lock = false): Promise<Classroom> {
    const classroom = await manager.findOne(Classroom, { where: { schoolId }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!classroom) throw new NotFoundError('classroom of school', schoolId);
    return classroom;
  }

  async get(schoolId: number) {
    const classroom = await this.load(schoolId);
    const [{ clubs }] = await this.ds.query(
      `SELECT count(*)::int AS clubs FROM ai_clubs WHERE school_id = $1 AND school_year = $2`,
      [schoolId, schoolYearOf()],
    );
    return { ...classroom, minimumFloorAreaUnits: MIN_FLOOR_AREA_UNITS, flags: flagsOf(classroom, clubs) };
  }

  async update(schoolId: number, dto: UpdateClassroomDto, actor: AuthUser) {
    const adminFields = ADMIN_ONLY_CLASSROOM_FIELDS.filter((f) => dto[f] !== undefined);
    if (adminFields.length && actor.role !== 'city_admin' && actor.role !== 'district_admin') {
      throw new ForbiddenError(`Only administrators may change ${adminFields.join(', ')}`, 'FIELD_NOT_ALLOWED');
    }
    await this.ds.transaction(async (tx) => {
      const before = await this.load(schoolId, tx, true);
      const after = tx.merge(Classroom, tx.create(Classroom, before), dto);
      await tx.save(after);
      await this.audit.record(tx, actor, { action: 'update', entityType: 'classroom', entityId: before.id, schoolId, before: snapshot(before), after: snapshot(after) });
    });
    return this.get(schoolId);
  }

  history(schoolId: number, limit?: number) {
    return this.audit.forSchool(schoolId, { entityTypes: CLASSROOM_HISTORY_TYPES, limit });
  }
}

export function flagsOf(c: Pick<Classroom, 'floorAreaUnits'>, clubsThisYear: number): ClassroomFlags {
  return {
    areaBelowMinimum: c.floorAreaUnits !== null && c.floorAreaUnits < MIN_FLOOR_AREA_UNITS,
    areaUnknown: c.floorAreaUnits === null,
    noClubThisYear: clubsThisYear === 0,
  };
}
