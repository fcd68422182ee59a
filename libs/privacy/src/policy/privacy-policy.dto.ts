import { ApiProperty } from '@nestjs/swagger';

const LEVELS = ['elementary', 'middle', 'high', 'special'] as const;
const METHODS = ['delete', 'anonymize'] as const;

/** The consent notice of a service in force this school year: what guardians were told (제15조 제2항, 제22조). */
export class PolicyNoticeDto {
  schoolYear: number;
  version: number;
  purpose: string;
  dataItems: string[];
  retention: string;
}

/** A generative-AI service students use with consent: the registry's row (제17조·제26조: the provider receives data). */
export class PolicyServiceDto {
  name: string;
  provider: string;
  /** Personal data the service receives. */
  personalData: string[];
  minAge: number;
  /** Guardian consent is needed below this age; 0 when the terms need none. */
  consentUnderAge: number;

  @ApiProperty({ enum: LEVELS, isArray: true })
  allowedLevels: (typeof LEVELS)[number][];

  @ApiProperty({ type: () => PolicyNoticeDto, nullable: true })
  notice: PolicyNoticeDto | null;
}

/** A retention rule in force: what is kept, how long from when, and how it is destroyed (제21조). */
export class PolicyRetentionDto {
  category: string;
  description: string;
  keepMonths: number;
  /** When the period starts, in Korean. */
  basis: string;

  @ApiProperty({ enum: METHODS, description: 'delete: 파기(삭제); anonymize: 다시 알아볼 수 없게 처리' })
  method: (typeof METHODS)[number];

  legalBasis: string;
}

/** A processing purpose (제30조 제1항 제1호). */
export class PolicyPurposeDto {
  title: string;
  description: string;
}

export class PolicyContactDto {
  /** 개인정보 보호책임자 (제31조): the office's role, not a person. */
  officer: string;
  department: string;
  address: string;
  phone: string;
  /** Where a guardian asks first. */
  note: string;
}

/** 개인정보 처리방침 (개인정보 보호법 제30조), generated from the AI services, their notices and the retention rules in force. */
export class PrivacyPolicyDto {
  title: string;

  /** The Seoul day the newest of its sources changed (a rule, a service, a notice). */
  @ApiProperty({ format: 'date' })
  effectiveDate: string;

  /** 개인정보처리자. */
  controller: string;
  purposes: PolicyPurposeDto[];
  /** Every active service of the registry, by name. */
  services: PolicyServiceDto[];
  /** Every retention rule in force. */
  retention: PolicyRetentionDto[];
  /** 정보주체와 법정대리인의 권리·의무 및 행사 방법 (제35–37조), one paragraph each. */
  rights: string[];
  /** 안전성 확보조치 (제29조), one paragraph each. */
  safeguards: string[];
  contact: PolicyContactDto;
}
