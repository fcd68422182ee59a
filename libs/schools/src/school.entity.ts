import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SchoolLevel } from './school-level';

@Entity('schools')
export class School {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column('text')
  name: string;

  @Column('text')
  level: SchoolLevel;

  @Column('text')
  district: string;

  @Column('text', { name: 'neis_code', nullable: true })
  neisCode: string | null;

  @Column('text', { name: 'founding_type', nullable: true })
  foundingType: string | null;

  @Column('text', { name: 'road_address', nullable: true })
  roadAddress: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
