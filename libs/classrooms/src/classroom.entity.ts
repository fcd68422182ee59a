import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from './numeric.transformer';

export const SPACE_TYPES = ['inquiry_play', 'problem_solving', 'creativity'] as const;
export type SpaceType = (typeof SPACE_TYPES)[number];
export const CLASSROOM_STATUSES = ['planned', 'under_construction', 'operating', 'suspended', 'closed'] as const;
export type ClassroomStatus = (typeof CLASSROOM_STATUSES)[number];

/** The report asks for a space of at least 1.5 classrooms; below that a classroom is flagged. */
export const MIN_FLOOR_AREA_UNITS = 1.5;

@Entity('classrooms')
export class Classroom {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column('int', { name: 'school_id' })
  schoolId: number;

  @Column('smallint', { name: 'build_year' })
  buildYear: number;

  @Column('bigint', { name: 'budget_krw', transformer: numericColumn })
  budgetKrw: number;

  @Column('numeric', { name: 'floor_area_units', nullable: true, transformer: numericColumn })
  floorAreaUnits: number | null;

  @Column('text', { name: 'space_type' })
  spaceType: SpaceType;

  @Column('text')
  status: ClassroomStatus;

  @Column('smallint', { name: 'source_row', nullable: true })
  sourceRow: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
