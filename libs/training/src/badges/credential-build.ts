// Open Badges 3.0 credentials on the VC 2.0 data model: the types and the builder of an
// unsigned OpenBadgeCredential. Securing it: Data Integrity in credential-sign.ts /
// credential-verify.ts, the VC-JOSE-COSE form (vc+jwt) in credential-jwt.ts.
import { createHash, randomBytes } from 'node:crypto';
import { OB_V3_CONTEXT_URL, VC_V2_CONTEXT_URL } from './document-loader';
import type { IssuerKey } from './issuer-key';

// ---------------------------------------------------------------------------------------
// Data model
// ---------------------------------------------------------------------------------------

/**
 * Text in one language, or several keyed by BCP 47 tag, e.g. `{ ko: 'AI 기초', en: 'AI Basics' }`.
 * See `multilingual` in `OpenBadgeInput` for how several languages are emitted.
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** A JSON-LD value object (VC 2.0 §11.1 language and base direction). */
export interface LanguageValue {
  '@value': string;
  '@language': string;
}
export type TextValue = string | LanguageValue[];

/** OB 3.0 AchievementType enumeration (extensions must use the `ext:` prefix). */
export const ACHIEVEMENT_TYPES = [
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree', 'Award',
  'Badge', 'BachelorDegree', 'Certificate', 'CertificateOfCompletion', 'Certification', 'CommunityService',
  'Competency', 'Course', 'CoCurricular', 'Degree', 'Diploma', 'DoctoralDegree', 'Fieldwork',
  'GeneralEducationDevelopment', 'JourneymanCertificate', 'LearningProgram', 'License', 'Membership',
  'ProfessionalDoctorate', 'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree',
  'MicroCredential', 'ResearchDoctorate', 'SecondarySchoolDiploma',
] as const;
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number] | `ext:${string}`;

export interface ImageObject {
  id: string;
  type: 'Image';
  caption?: string;
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress';
  hashed: boolean;
  salt?: string;
}

export interface BitstringStatusListEntry {
  id?: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  /** A string per the Bitstring Status List spec; numbers are accepted and converted. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  name: TextValue;
  description: TextValue;
  criteria: { id?: string; narrative?: TextValue };
  image?: ImageObject;
  achievementType?: AchievementType;
  inLanguage?: string;
  tag?: string[];
  humanCode?: string;
  fieldOfStudy?: string;
  specialization?: string;
  version?: string;
}

export interface AchievementSubject {
  id?: string;
  type: ['AchievementSubject'];
  identifier?: IdentityObject[];
  achievement: Achievement;
}

export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: TextValue;
  url?: string;
  email?: string;
  image?: ImageObject;
}

export interface DataIntegrityProofJson {
  type: 'DataIntegrityProof';
  cryptosuite: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
}

export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  name: TextValue;
  description?: TextValue;
  credentialSubject: AchievementSubject;
  credentialStatus?: BitstringStatusListEntry;
  proof?: DataIntegrityProofJson | DataIntegrityProofJson[];
}

export interface AchievementInput {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  criteria: { id?: string; narrative?: LocalizedText };
  image?: ImageObject;
  achievementType?: AchievementType;
  /** Primary language (BCP 47), default 'ko'. Picks the string used for localized fields. */
  inLanguage?: string;
  tag?: string[];
  humanCode?: string;
  fieldOfStudy?: string;
  specialization?: string;
  version?: string;
}

/** Who earned it: a URI/DID (`id`), and/or an email that is stored only salted and hashed. */
export interface RecipientInput {
  id?: string;
  email?: string;
  /** Salt for the email hash; random 16 bytes (hex) when omitted. */
  salt?: string;
}

export interface OpenBadgeInput {
  /** Credential id, e.g. `urn:uuid:…` or an https URL. */
  id: string;
  issuer: { id: string; name: LocalizedText; url?: string; email?: string; image?: ImageObject };
  validFrom: string | Date;
  validUntil?: string | Date;
  awardedDate?: string | Date;
  name: LocalizedText;
  description?: LocalizedText;
  achievement: AchievementInput;
  recipient: RecipientInput;
  credentialStatus?: Omit<BitstringStatusListEntry, 'statusListIndex'> & { statusListIndex: string | number };
  /**
   * false (default): localized fields become a plain string in the primary language, which is
   * what the 1EdTech OB 3.0 JSON Schema requires (name/description are `string`).
   * true: all languages are kept as VC 2.0 language value objects
   * (`[{ "@value": "AI 기초", "@language": "ko" }, …]`). Valid JSON-LD and signs/verifies the
   * same, but strict OB 3.0 schema validators reject it.
   */
  multilingual?: boolean;
}

// ---------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------

const LANG_TAG_RE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function localize(text: LocalizedText, primaryLanguage: string, multilingual: boolean, field: string): TextValue {
  if (typeof text === 'string') return text;
  const entries = Object.entries(text).filter(([, v]) => typeof v === 'string' && v.length > 0);
  if (entries.length === 0) throw new Error(`${field}: no text given`);
  for (const [lang] of entries) if (!LANG_TAG_RE.test(lang)) throw new Error(`${field}: invalid language tag "${lang}"`);
  const primary = entries.find(([lang]) => lang === primaryLanguage) ?? entries[0];
  if (!multilingual) return primary[1];
  // Primary language first, so consumers that take the first value show the right one.
  return [primary, ...entries.filter((e) => e !== primary)].map(([lang, value]) => ({ '@value': value, '@language': lang }));
}

/** XML Schema dateTime in UTC without milliseconds, as VC examples and validators expect. */
export function toDateTime(value: string | Date, field = 'date'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${field}: invalid date "${String(value)}"`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function assertUri(value: string, field: string): void {
  // A scheme followed by something: https:, urn:uuid:, did:… (VC 2.0 requires URLs for ids).
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) throw new Error(`${field} must be a URI, got "${value}"`);
}

/**
 * OB 3.0 IdentityHash: `sha256$` + hex(SHA-256(identity + salt)). Emails are trimmed and
 * lower-cased first so the same address always hashes the same (verifiers must do likewise).
 */
export function hashEmailIdentity(email: string, salt: string): string {
  const normalized = email.trim().toLowerCase();
  return `sha256$${createHash('sha256').update(normalized + salt, 'utf8').digest('hex')}`;
}

/** Does this credential's hashed (or plain) email identifier match `email`? */
export function recipientMatchesEmail(credential: Pick<OpenBadgeCredential, 'credentialSubject'>, email: string): boolean {
  return (credential.credentialSubject.identifier ?? []).some((idObj) => {
    if (idObj.identityType !== 'emailAddress') return false;
    if (!idObj.hashed) return idObj.identityHash.trim().toLowerCase() === email.trim().toLowerCase();
    const [alg] = idObj.identityHash.split('$');
    return alg === 'sha256' && hashEmailIdentity(email, idObj.salt ?? '').toLowerCase() === idObj.identityHash.toLowerCase();
  });
}

/** Builds an unsigned OB 3.0 OpenBadgeCredential (VC 2.0 + OB 3.0.3 contexts). */
export function buildOpenBadgeCredential(input: OpenBadgeInput): OpenBadgeCredential {
  const { achievement: a, recipient, multilingual = false } = input;
  const lang = a.inLanguage ?? 'ko';
  if (!LANG_TAG_RE.test(lang)) throw new Error(`achievement.inLanguage: invalid language tag "${lang}"`);
  const text = (t: LocalizedText, field: string) => localize(t, lang, multilingual, field);

  assertUri(input.id, 'id');
  assertUri(input.issuer.id, 'issuer.id');
  assertUri(a.id, 'achievement.id');
  if (a.image) assertUri(a.image.id, 'achievement.image.id');
  if (!recipient.id && !recipient.email) throw new Error('recipient needs an id or an email');
  if (recipient.id) assertUri(recipient.id, 'recipient.id');
  if (a.achievementType && !a.achievementType.startsWith('ext:') && !(ACHIEVEMENT_TYPES as readonly string[]).includes(a.achievementType)) {
    throw new Error(`achievement.achievementType: "${a.achievementType}" is not in the OB 3.0 enumeration (use ext:… for others)`);
  }
  if (!a.criteria.id && a.criteria.narrative === undefined) throw new Error('achievement.criteria needs an id or a narrative');

  const validFrom = toDateTime(input.validFrom, 'validFrom');
  const validUntil = input.validUntil === undefined ? undefined : toDateTime(input.validUntil, 'validUntil');
  if (validUntil && validUntil <= validFrom) throw new Error('validUntil must be after validFrom');

  const achievement: Achievement = {
    id: a.id,
    type: ['Achievement'],
    name: text(a.name, 'achievement.name'),
    description: text(a.description, 'achievement.description'),
    criteria: {
      ...(a.criteria.id ? { id: a.criteria.id } : {}),
      ...(a.criteria.narrative !== undefined ? { narrative: text(a.criteria.narrative, 'achievement.criteria.narrative') } : {}),
    },
    ...(a.image ? { image: { ...a.image } } : {}),
    ...(a.achievementType ? { achievementType: a.achievementType } : {}),
    inLanguage: lang,
    ...(a.tag?.length ? { tag: [...a.tag] } : {}),
    ...(a.humanCode ? { humanCode: a.humanCode } : {}),
    ...(a.fieldOfStudy ? { fieldOfStudy: a.fieldOfStudy } : {}),
    ...(a.specialization ? { specialization: a.specialization } : {}),
    ...(a.version ? { version: a.version } : {}),
  };

  const credentialSubject: AchievementSubject = {
    ...(recipient.id ? { id: recipient.id } : {}),
    type: ['AchievementSubject'],
    ...(recipient.email
      ? (() => {
          // Salted hash so the badge (which the earner shares publicly) does not expose the address.
          const salt = recipient.salt ?? randomBytes(16).toString('hex');
          const idObj: IdentityObject = { type: 'IdentityObject', identityHash: hashEmailIdentity(recipient.email, salt), identityType: 'emailAddress', hashed: true, salt };
          return { identifier: [idObj] };
        })()
      : {}),
    achievement,
  };

  const credential: OpenBadgeCredential = {
    '@context': [VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: input.issuer.id,
      type: ['Profile'],
      name: text(input.issuer.name, 'issuer.name'),
      ...(input.issuer.url ? { url: input.issuer.url } : {}),
      ...(input.issuer.email ? { email: input.issuer.email } : {}),
      ...(input.issuer.image ? { image: { ...input.issuer.image } } : {}),
    },
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    ...(input.awardedDate !== undefined ? { awardedDate: toDateTime(input.awardedDate, 'awardedDate') } : {}),
    name: text(input.name, 'name'),
    ...(input.description !== undefined ? { description: text(input.description, 'description') } : {}),
    credentialSubject,
  };

  if (input.credentialStatus) {
    const s = input.credentialStatus;
    const index = Number(s.statusListIndex);
    if (!Number.isSafeInteger(index) || index < 0) throw new Error(`credentialStatus.statusListIndex must be a non-negative integer`);
    if (s.type !== 'BitstringStatusListEntry' || s.statusPurpose !== 'revocation') throw new Error('credentialStatus must be a revocation BitstringStatusListEntry');
    assertUri(s.statusListCredential, 'credentialStatus.statusListCredential');
    credential.credentialStatus = {
      ...(s.id ? { id: s.id } : {}),
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: s.statusListCredential,
    };
  }
  return credential;
}

/** The issuer id of any VC 2.0 credential (`issuer` is a URL or an object with an `id`). */
export function issuerIdOf(credential: { issuer?: unknown }): string | undefined {
  const issuer = credential.issuer as string | { id?: string } | undefined;
  return typeof issuer === 'string' ? issuer : issuer?.id;
}

/** Throws unless the credential's issuer controls `key` (both securing mechanisms check this). */
export function assertIssuerControlsKey(credential: object, key: IssuerKey): void {
  const issuerId = issuerIdOf(credential as { issuer?: unknown });
  if (issuerId !== key.controller) throw new Error(`Key ${key.id} is controlled by ${key.controller}, not by the credential issuer ${issuerId}`);
}
