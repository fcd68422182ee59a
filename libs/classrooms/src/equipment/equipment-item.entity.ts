import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from '../numeric.transformer';

export const EQUIPMENT_CATEGORIES = ['robot_kit', 'coding_kit', 'physical_computing_kit', 'tablet', 'laptop', 'display', '3d_printer', 'ai_speaker', 'drone', 'other'] as const;
export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];
export const EQUIPMENT_CONDITIONS = ['good', 'needs_repair', 'broken', 'disposed'] as const;
export type EquipmentCondition = (typeof EQUIPMENT_CONDITIONS)[number];

@Entity('equipment_items')
export class EquipmentItem {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column('int', { name: 'school_id' })
  schoolId: number;

  @Column('text')
  category: EquipmentCategory;

  @Column('text')
  name: string;

  @Column('int')
  quantity: number;

  @Column('text', { name: 'asset_tag' })
  assetTag: string;

  @Column('text', { name: 'serial_number', nullable: true })
  serialNumber: string | null;

  @Column('date', { name: 'purchase_date', nullable: true })
  purchaseDate: string | null;

  @Column('bigint', { name: 'cost_krw', nullable: true, transformer: numericColumn })
  costKrw: number | null;

  @Column('text')
  condition: EquipmentCondition;

  @Column('date', { name: 'last_audit_date', nullable: true })
  lastAuditDate: string | null;

  @Column('date', { name: 'next_audit_date', nullable: true })
  nextAuditDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
