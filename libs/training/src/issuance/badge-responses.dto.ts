import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A text in one language, or in several (`[{ "@value": "…", "@language": "ko" }, …]`). */
const TEXT_VALUE = {
  oneOf: [
    { type: 'string' },
    {
      type: 'array',
      items: { type: 'object', required: ['@value', '@language'], properties: { '@value': { type: 'string' }, '@language': { type: 'string' } } },
    },
  ],
};

export class BadgeImageDto {
  id: string;

  @ApiProperty({ enum: ['Image'] })
  type: 'Image';

  caption?: string;
}

/** The earner's email, salted and hashed. */
export class IdentityObjectDto {
  @ApiProperty({ enum: ['IdentityObject'] })
  type: 'IdentityObject';

  identityHash: string;

  @ApiProperty({ enum: ['emailAddress'] })
  identityType: 'emailAddress';

  hashed: boolean;

  salt?: string;
}

export class StatusListEntryDto {
  id?: string;

  @ApiProperty({ enum: ['BitstringStatusListEntry'] })
  type: 'BitstringStatusListEntry';

  @ApiProperty({ enum: ['revocation'] })
  statusPurpose: 'revocation';

  /** The badge's bit in the list (a decimal string). */
  statusListIndex: string;

  /** `…/api/v1/badges/status/1`. */
  statusListCredential: string;
}

export class AchievementCriteriaDto {
  id?: string;

  @ApiPropertyOptional(TEXT_VALUE)
  narrative?: unknown;
}

/** What the badge is for: a course, or a level's pathway. */
export class AchievementDto {
  id: string;

  @ApiProperty({ type: [String], example: ['Achievement'] })
  type: string[];

  @ApiProperty(TEXT_VALUE)
  name: unknown;

  @ApiProperty(TEXT_VALUE)
  description: unknown;

  criteria: AchievementCriteriaDto;

  image?: BadgeImageDto;

  /** `Course`, `Certificate`, … (Open Badges 3.0 AchievementType). */
  achievementType?: string;

  inLanguage?: string;

  tag?: string[];

  humanCode?: string;

  fieldOfStudy?: string;

  specialization?: string;

  version?: string;
}

export class AchievementSubjectDto {
  id?: string;

  @ApiProperty({ type: [String], example: ['AchievementSubject'] })
  type: string[];

  identifier?: IdentityObjectDto[];

  achievement: AchievementDto;
}

/** The issuer (서울특별시교육청) as a credential names it. */
export class BadgeIssuerDto {
  /** `…/api/v1/badges/issuer`. */
  id: string;

  @ApiProperty({ type: [String], example: ['Profile'] })
  type: string[];

  @ApiProperty(TEXT_VALUE)
  name: unknown;

  url?: string;

  email?: string;

  image?: BadgeImageDto;
}

export class DataIntegrityProofDto {
  @ApiProperty({ enum: ['DataIntegrityProof'] })
  type: string;

  /** `eddsa-rdfc-2022`. */
  cryptosuite: string;

  created?: string;

  /** A key of the issuer profile. */
  verificationMethod: string;

  /** `assertionMethod`. */
  proofPurpose: string;

  proofValue: string;
}

/** An Open Badges 3.0 credential (VC 2.0 data model) with its Data Integrity proof. */
export class OpenBadgeCredentialDto {
  @ApiProperty({ name: '@context', type: [String] })
  '@context': string[];

  id: string;

  @ApiProperty({ type: [String], example: ['VerifiableCredential', 'OpenBadgeCredential'] })
  type: string[];

  issuer: BadgeIssuerDto;

  validFrom: string;

  validUntil?: string;

  awardedDate?: string;

  @ApiProperty(TEXT_VALUE)
  name: unknown;

  @ApiPropertyOptional(TEXT_VALUE)
  description?: unknown;

  credentialSubject: AchievementSubjectDto;

  credentialStatus?: StatusListEntryDto;

  proof: DataIntegrityProofDto;
}

export class StatusListSubjectDto {
  id: string;

  @ApiProperty({ enum: ['BitstringStatusList'] })
  type: string;

  @ApiProperty({ enum: ['revocation'] })
  statusPurpose: string;

  /** The GZIP-compressed, base64url bitstring (multibase `u`). */
  encodedList: string;
}

/** The Bitstring Status List credential of revoked badges, signed at each request. */
export class StatusListCredentialDto {
  @ApiProperty({ name: '@context', type: [String] })
  '@context': string[];

  id: string;

  @ApiProperty({ type: [String], example: ['VerifiableCredential', 'BitstringStatusListCredential'] })
  type: string[];

  /** The issuer profile's URL. */
  issuer: string;

  validFrom: string;

  validUntil?: string;

  credentialSubject: StatusListSubjectDto;

  proof: DataIntegrityProofDto;
}

export class VerificationMethodDto {
  id: string;

  @ApiProperty({ enum: ['Multikey'] })
  type: string;

  controller: string;

  /** The Ed25519 public key (multibase). */
  publicKeyMultibase: string;
}

/** The issuer profile: every key the office has signed with. */
export class IssuerProfileDocumentDto {
  @ApiProperty({ name: '@context', type: [String] })
  '@context': string[];

  id: string;

  @ApiProperty({ enum: ['Profile'] })
  type: string;

  @ApiPropertyOptional(TEXT_VALUE)
  name?: unknown;

  url?: string;

  verificationMethod: VerificationMethodDto[];

  /** Key ids the issuer signs credentials with. */
  assertionMethod: string[];
}

export class VerifiedAchievementDto {
  @ApiPropertyOptional(TEXT_VALUE)
  name?: unknown;

  @ApiPropertyOptional(TEXT_VALUE)
  description?: unknown;

  @ApiPropertyOptional(TEXT_VALUE)
  criteria?: unknown;
}

/** Whether a badge is authentic, unrevoked and current, and who earned what. */
export class BadgeVerificationDto {
  id: string;

  /** Proof, status and validity period all pass. */
  verified: boolean;

  /** Everything but the validity period passed: authentic, possibly expired. */
  proofVerified: boolean;

  revoked: boolean;

  expired: boolean;

  @ApiProperty({ enum: ['valid', 'expired', 'revoked', 'invalid'] })
  status: 'valid' | 'expired' | 'revoked' | 'invalid';

  revokeReason: string | null;

  /** Why verification failed, readable; empty when verified. */
  errors: string[];

  /** The earner's name. */
  earner: string;

  achievement: VerifiedAchievementDto;

  issuer: BadgeIssuerDto;

  validFrom: string;

  validUntil: string | null;
}
