import { ApiProperty } from '@nestjs/swagger';
import { SCHOOL_LEVELS } from '@app/schools/school-level';
import { CASE_AREAS, CASE_STATUSES } from '../practice-terms';

export class CaseAttachmentDto {
  @ApiProperty() id: number;
  @ApiProperty() filename: string;
  @ApiProperty() byteSize: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class PracticeCaseDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SCHOOL_LEVELS }) schoolLevel: string;
  @ApiProperty({ enum: CASE_AREAS }) area: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: Number, nullable: true }) schoolId: number | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true }) districtOffice: string | null;
  @ApiProperty({ type: String, nullable: true }) districtOfficeName: string | null;
  @ApiProperty({ type: Number, nullable: true }) clubId: number | null;
  @ApiProperty({ type: String, nullable: true }) clubName: string | null;
  @ApiProperty({ type: Number, nullable: true }) designationId: number | null;
  @ApiProperty({ type: String, nullable: true }) designationTypeName: string | null;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: [CaseAttachmentDto] }) attachments: CaseAttachmentDto[];
}

export class PracticeCasePageDto {
  @ApiProperty({ type: [PracticeCaseDto] }) items: PracticeCaseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class PublicCaseAttachmentDto {
  @ApiProperty() id: number;
  @ApiProperty() filename: string;
  @ApiProperty() byteSize: number;
}

/** A published case as the public gallery shows it: no accounts, no review notes. */
export class PublicCaseDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SCHOOL_LEVELS }) schoolLevel: string;
  @ApiProperty({ enum: CASE_AREAS }) area: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true }) districtOfficeName: string | null;
  @ApiProperty({ type: String, nullable: true }) clubName: string | null;
  @ApiProperty({ type: String, nullable: true }) designationTypeName: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: [PublicCaseAttachmentDto] }) attachments: PublicCaseAttachmentDto[];
}

export class PublicCasePageDto {
  @ApiProperty({ type: [PublicCaseDto] }) items: PublicCaseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
