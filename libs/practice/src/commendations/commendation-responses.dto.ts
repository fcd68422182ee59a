import { ApiProperty } from '@nestjs/swagger';
import { COMMENDATION_STATUSES, EVIDENCE_KINDS, NOMINEE_KINDS } from '../practice-terms';

export class CommendationEvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: string;
  @ApiProperty() ref: string;
  @ApiProperty({ description: 'what the evidence is, in Korean' }) label: string;
}

export class CommendationDto {
  @ApiProperty() id: number;
  @ApiProperty() year: number;
  @ApiProperty({ enum: NOMINEE_KINDS }) nomineeKind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) nomineeUserId: string | null;
  @ApiProperty({ type: Number, nullable: true }) nomineeSchoolId: number | null;
  @ApiProperty({ type: Number, nullable: true }) nomineeClubId: number | null;
  @ApiProperty({ type: Number, nullable: true }) nomineeCommunityId: number | null;
  @ApiProperty() nomineeName: string;
  @ApiProperty({ type: Number, nullable: true }) schoolId: number | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true }) districtOffice: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: COMMENDATION_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) awardTitle: string | null;
  @ApiProperty({ format: 'date-time' }) nominatedAt: string;
  @ApiProperty({ type: String, nullable: true }) nominatedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: [CommendationEvidenceDto] }) evidence: CommendationEvidenceDto[];
}
