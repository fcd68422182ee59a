import { ApiProperty } from '@nestjs/swagger';
import { SCHOOL_LEVELS, type SchoolLevel } from '@app/schools/school-level';
import { SURVEY_KINDS, type SurveyKind } from '../templates/template.dto';
import { AUDIENCES, CAMPAIGN_STATUSES, type CampaignStatus } from './campaign.dto';

export type Audience = (typeof AUDIENCES)[number];

/** A campaign, with its target schools and responses counted within the caller's scope (a list) or in all (one campaign). */
export class CampaignDto {
  id: number;
  title: string;

  @ApiProperty({ enum: AUDIENCES })
  audience: Audience;

  /** Years of schooling surveyed (empty: all). */
  grades: number[];

  @ApiProperty({ format: 'date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  closesAt: string;

  /** Follows the clock: scheduled before opensAt, open until closesAt, then closed. */
  @ApiProperty({ enum: CAMPAIGN_STATUSES })
  status: CampaignStatus;

  /** Groups with fewer respondents are withheld in reports. */
  suppressionThreshold: number;
  /** Codes the distribution job prints for every target school when the campaign opens. */
  codesPerSchool: number;
  /** Schools whose response rate (responses ÷ codes) is below this are reminded. */
  reminderThreshold: number;

  /** When the distribution job notified the schools (and made their codes). */
  @ApiProperty({ format: 'date-time', nullable: true, type: 'string' })
  distributedAt: string | null;

  /** When the snapshot was computed after the close (the final report). */
  @ApiProperty({ format: 'date-time', nullable: true, type: 'string' })
  finalAggregatedAt: string | null;

  templateId: number;
  /** The frozen template version. */
  version: number;
  templateTitle: string;

  @ApiProperty({ enum: SURVEY_KINDS })
  kind: SurveyKind;

  /** A principal's own demand survey: their school; null for the office's campaigns. */
  ownerSchoolId: number | null;
  /** Target schools (in a list: those within the caller's scope). */
  schools: number;
  /** Responses received (in a list: from schools within the caller's scope). */
  responses: number;
}

export class CampaignListDto {
  /** Newest opening first. */
  items: CampaignDto[];
}

/** One-time codes, shown in plain text only in this answer; the batch prints them again. */
export class IssuedCodesDto {
  batchId: number;
  /** `XXXXX-XXXXX`, from an alphabet without 0/O and 1/I/L. */
  codes: string[];
}

export class CodeBatchDto {
  id: number;
  count: number;

  /** distribution: printed by the job when the campaign opened; principal: asked for at the school. */
  @ApiProperty({ enum: ['distribution', 'principal'] })
  source: 'distribution' | 'principal';

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  /** Codes of the batch already used to answer. */
  used: number;
}

export class CodeBatchListDto {
  items: CodeBatchDto[];
}

export class SheetCodeDto {
  /** As printed and typed: ABCDE-23456. */
  code: string;
  /** The respondent page with this code in it (the slip's QR code), from PUBLIC_BASE_URL. */
  url: string;
  used: boolean;
}

/** A batch of codes to print (가정통신문·학급 배부용). */
export class CodeSheetDto {
  campaignTitle: string;
  schoolName: string;

  @ApiProperty({ format: 'date-time' })
  closesAt: string;

  /** Where respondents type their code (https://…/respond), from PUBLIC_BASE_URL, never from a browser's address. */
  respondUrl: string;
  codes: SheetCodeDto[];
}

export class SurveyProgressTotalsDto {
  schools: number;
  /** Schools that submitted (school-level survey) or have at least one response. */
  respondedSchools: number;
  behindSchools: number;
  codesIssued: number;
  responses: number;
  /** responses ÷ codes issued; null while no code has been issued. */
  rate: number | null;
}

export class SurveyOfficeProgressDto extends SurveyProgressTotalsDto {
  /** The 교육지원청's code. */
  office: string;
  officeName: string;
}

export class SurveySchoolProgressDto {
  schoolId: number;
  name: string;

  @ApiProperty({ enum: SCHOOL_LEVELS })
  level: SchoolLevel;

  district: string;
  office: string;
  officeName: string;
  codesIssued: number;
  responses: number;
  /** responses ÷ codes issued; for a school-level survey 1 once the principal submitted. null: no codes yet. */
  rate: number | null;
  /** School-level survey: whether the principal has submitted. */
  submitted: boolean;
  /** Not submitted, or a response rate under the campaign's reminder threshold. */
  behind: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: 'string' })
  lastRemindedAt: string | null;
}

/** Live response rates within the caller's scope: the total, by 교육지원청 and by school. */
export class CampaignProgressDto {
  totals: SurveyProgressTotalsDto;
  offices: SurveyOfficeProgressDto[];
  schools: SurveySchoolProgressDto[];
}
