import { ApiProperty } from '@nestjs/swagger';

export class CommunityMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['leader', 'member'] }) role: string;
  @ApiProperty({ type: Number, nullable: true }) schoolId: number | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ description: 'hours of the meetings attended' }) hours: number;
}

export class CommunityMeetingDto {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty() topic: string;
  @ApiProperty() hours: number;
  @ApiProperty({ type: [String], format: 'uuid' }) attendeeIds: string[];
}

export class CommunityCreditDto {
  @ApiProperty() id: number;
  @ApiProperty() courseId: number;
  @ApiProperty() courseCode: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty() membersCredited: number;
  @ApiProperty({ format: 'date-time' }) creditedAt: string;
}

export class CommunitySummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() schoolYear: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: across schools' }) schoolId: number | null;
  @ApiProperty({ type: String, nullable: true }) schoolName: string | null;
  @ApiProperty({ type: String, nullable: true }) districtOffice: string | null;
  @ApiProperty() memberCount: number;
  @ApiProperty() meetingCount: number;
  @ApiProperty() totalHours: number;
}

export class CommunityDto extends CommunitySummaryDto {
  @ApiProperty({ type: [CommunityMemberDto] }) members: CommunityMemberDto[];
  @ApiProperty({ type: [CommunityMeetingDto] }) meetings: CommunityMeetingDto[];
  @ApiProperty({ type: [CommunityCreditDto] }) credits: CommunityCreditDto[];
}

export class CreditedMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() hours: number;
}

export class SkippedMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() reason: string;
}

export class CreditResultDto {
  @ApiProperty() creditId: number;
  @ApiProperty() courseId: number;
  @ApiProperty({ description: 'the training import batch that holds the completions' }) trainingBatchId: number;
  @ApiProperty({ description: 'the badge issuance job of that batch' }) badgeJobId: string;
  @ApiProperty({ type: [CreditedMemberDto] }) credited: CreditedMemberDto[];
  @ApiProperty({ type: [SkippedMemberDto] }) skipped: SkippedMemberDto[];
}
