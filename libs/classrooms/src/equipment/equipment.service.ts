import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, ValidationFailedError } from '@app/core';
import { ClassroomService } from '../classroom.service';
import { SchoolOwnedCrud } from '../school-owned-crud';
import { CreateEquipmentDto, UpdateEquipmentDto } from './equipment.dto';
import { EquipmentItem } from './equipment-item.entity';

@Injectable()
export class EquipmentService {
  private readonly crud: SchoolOwnedCrud<EquipmentItem>;

  constructor(@InjectDataSource() ds: DataSource, audit: AuditLog, classrooms: ClassroomService) {
    this.crud = new SchoolOwnedCrud(ds, audit, classrooms, EquipmentItem, 'equipment_item', {
      equipment_items_asset_tag_key: { field: 'assetTag', message: 'This asset tag is already used in this school' },
      equipment_items_audit_order: { field: 'nextAuditDate', message: 'nextAuditDate must not be before lastAuditDate' },
    });
  }

  list(schoolId: number) {
    return this.crud.list(schoolId, { category: 'ASC', assetTag: 'ASC' });
  }

  create(schoolId: number, dto: CreateEquipmentDto, actor: AuthUser) {
    return this.crud.create(schoolId, { ...dto, assetTag: dto.assetTag.trim() }, actor, checkAuditOrder);
  }

  update(schoolId: number, id: number, dto: UpdateEquipmentDto, actor: AuthUser) {
    return this.crud.update(schoolId, id, dto.assetTag ? { ...dto, assetTag: dto.assetTag.trim() } : dto, actor, checkAuditOrder);
  }

  remove(schoolId: number, id: number, actor: AuthUser) {
    return this.crud.remove(schoolId, id, actor);
  }
}

function checkAuditOrder(item: EquipmentItem): void {
  if (item.lastAuditDate && item.nextAuditDate && item.nextAuditDate < item.lastAuditDate) {
    throw new ValidationFailedError('nextAuditDate must not be before lastAuditDate', [
      { field: 'nextAuditDate', reason: `must be on or after lastAuditDate (${item.lastAuditDate})` },
    ]);
  }
}
