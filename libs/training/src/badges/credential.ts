/// <reference path="./vendor-modules.d.ts" />
// Open Badges 3.0 credentials on the VC 2.0 data model: build, sign (Data Integrity,
// eddsa-rdfc-2022, via @digitalbazaar/vc) and verify; plus the VC-JOSE-COSE form (vc+jwt).
//
// Two securing mechanisms on purpose: the embedded Data Integrity proof survives being baked
// into an image and copied around as JSON (what OB 3.0 wallets and validators expect), while
// the JWT form is compact for APIs/QR codes and needs nothing but a JOSE library to check.
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { SignJWT, jwtVerify, type JWK, type JWTPayload, type JWTHeaderParameters } from 'jose';
import { OB_V3_CONTEXT_URL, VC_V2_CONTEXT_URL, type DocumentLoader } from './document-loader';
import { IssuerKey, type MultikeyVerificationMethod } from './issuer-key';

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

// ---------------------------------------------------------------------------------------
// Data Integrity (eddsa-rdfc-2022)
// ---------------------------------------------------------------------------------------

function issuerIdOf(credential: { issuer?: unknown }): string | undefined {
  const issuer = credential.issuer as string | { id?: string } | undefined;
  return typeof issuer === 'string' ? issuer : issuer?.id;
}

/**
 * Adds a DataIntegrityProof (cryptosuite eddsa-rdfc-2022, proofPurpose assertionMethod).
 * Works for any VC 2.0 credential (badges and status list credentials). Returns a new object.
 */
export async function signCredential<T extends object>(credential: T, key: IssuerKey, documentLoader: DocumentLoader): Promise<T & { proof: DataIntegrityProofJson }> {
  const issuerId = issuerIdOf(credential as { issuer?: unknown });
  // Caught here with a clear message; otherwise it only fails later, at verification.
  if (issuerId !== key.controller) throw new Error(`Key ${key.id} is controlled by ${key.controller}, not by the credential issuer ${issuerId}`);
  if ('proof' in credential) throw new Error('Credential already has a proof; sign the unsecured credential');
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader });
  return signed as T & { proof: DataIntegrityProofJson };
}

/** Result of a status check, in the shape @digitalbazaar/vc expects from `checkStatus`. */
export interface StatusCheckResult {
  verified: boolean;
  revoked?: boolean;
  error?: Error;
}
export type CheckStatus = (options: { credential: Record<string, unknown> }) => Promise<StatusCheckResult>;

export interface VerificationResult {
  verified: boolean;
  /** Human-readable reasons, deduplicated; empty when verified. */
  errors: string[];
  /** validUntil is in the past. */
  expired: boolean;
  /** The status check found the credential revoked. */
  revoked: boolean;
  /** Things the caller should know that did not fail verification (e.g. status not checked). */
  warnings: string[];
  /**
   * Everything except the validity period passed (signature, key authorisation and, when
   * checked, status): lets a UI say "authentic but expired" rather than just "invalid".
   */
  proofVerified: boolean;
}

export interface VerifyOptions {
  /**
   * Status checker (see `createStatusChecker`). Required when the credential has
   * `credentialStatus`, unless `false` is passed to skip revocation checking knowingly.
   */
  checkStatus?: CheckStatus | false;
  /** Evaluation time; default now. */
  now?: Date | string;
}

function collectErrors(error: unknown, out: Set<string>): void {
  if (!error) return;
  if (Array.isArray(error)) return error.forEach((e) => collectErrors(e, out));
  const e = error as { message?: string; errors?: unknown[]; cause?: unknown };
  // jsonld-signatures wraps per-proof failures in a VerificationError with `.errors`.
  if (Array.isArray(e.errors) && e.errors.length > 0) return collectErrors(e.errors, out);
  out.add(e.message ?? String(error));
}

function errorsOf(result: vc.VcVerifyResult): Set<string> {
  const out = new Set<string>();
  if (result.verified) return out;
  collectErrors(result.error, out);
  for (const r of result.results ?? []) if (!r.verified) collectErrors(r.error, out);
  if (result.statusResult && !result.statusResult.verified) collectErrors(result.statusResult.error ?? new Error('Credential status check failed'), out);
  if (out.size === 0) out.add('Verification failed');
  return out;
}

/** Verifies the Data Integrity proof, validity period and (if present) credential status. */
export async function verifyCredential(credential: object, documentLoader: DocumentLoader, options: VerifyOptions = {}): Promise<VerificationResult> {
  const now = options.now === undefined ? new Date() : new Date(options.now);
  const hasStatus = 'credentialStatus' in credential && !!(credential as { credentialStatus?: unknown }).credentialStatus;
  const skipStatus = options.checkStatus === false;
  const checkStatus: CheckStatus | undefined = skipStatus ? async () => ({ verified: true }) : options.checkStatus || undefined;
  if (hasStatus && !checkStatus) {
    return {
      verified: false,
      errors: ['Credential has credentialStatus but no checkStatus was given (pass checkStatus: false to skip)'],
      expired: false,
      revoked: false,
      proofVerified: false,
      warnings: [],
    };
  }

  const run = (at: Date, status: CheckStatus | undefined = checkStatus) =>
    vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader, checkStatus: status, now: at });

  const result = await run(now);
  const errors = errorsOf(result);
  const validUntil = (credential as { validUntil?: unknown }).validUntil;
  const expired = typeof validUntil === 'string' && new Date(validUntil).getTime() < now.getTime();

  let statusResult = result;
  let proofVerified = result.verified;
  if (!result.verified) {
    // @digitalbazaar/vc stops at the date check before looking at the proof, and folds the status
    // into its verdict; re-run at the end of the validity period to learn about status, and once
    // more without the status check to learn whether the proof itself is intact.
    const at = expired ? new Date(validUntil as string) : now;
    if (expired) {
      statusResult = await run(at);
      for (const e of errorsOf(statusResult)) errors.add(e);
    }
    proofVerified = (await run(at, async () => ({ verified: true }))).verified;
  }
  const revoked = !!(statusResult.statusResult as StatusCheckResult | undefined)?.revoked;
  const warnings = skipStatus && hasStatus ? ['Credential status (revocation) was not checked'] : [];
  return { verified: result.verified, errors: result.verified ? [] : [...errors], expired, revoked, proofVerified, warnings };
}

// ---------------------------------------------------------------------------------------
// VC-JOSE-COSE (vc+jwt)
// ---------------------------------------------------------------------------------------

/**
 * Secures the credential as a JWS per VC-JOSE-COSE: protected header
 * `{ alg: 'EdDSA', typ: 'vc+jwt', kid }`, payload = the unsecured credential itself (no
 * `vc` claim wrapping, no `proof`).
 */
export async function signJwt(credential: object, key: IssuerKey): Promise<string> {
  if ('proof' in credential) throw new Error('signJwt expects an unsecured credential (remove the Data Integrity proof first)');
  const issuerId = issuerIdOf(credential as { issuer?: unknown });
  if (issuerId !== key.controller) throw new Error(`Key ${key.id} is controlled by ${key.controller}, not by the credential issuer ${issuerId}`);
  return new SignJWT(credential as JWTPayload)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.id })
    .sign(await key.privateKeyObject());
}

export interface JwtVerificationResult {
  verified: boolean;
  errors: string[];
  expired: boolean;
  credential?: Record<string, unknown>;
  header?: JWTHeaderParameters;
}

/**
 * Verifies a vc+jwt. `publicKey` may be an IssuerKey, a Multikey verification method (then the
 * header `kid` and the credential issuer must match it), an Ed25519 public JWK or a KeyObject.
 */
export async function verifyJwt(
  jwt: string,
  publicKey: IssuerKey | MultikeyVerificationMethod | JWK | KeyObject,
  options: { now?: Date | string } = {},
): Promise<JwtVerificationResult> {
  const now = options.now === undefined ? new Date() : new Date(options.now);
  let key: KeyObject | JWK;
  let expectedKid: string | undefined;
  let expectedIssuer: string | undefined;
  if (publicKey instanceof IssuerKey || (publicKey as MultikeyVerificationMethod).type === 'Multikey') {
    const issuerKey = publicKey instanceof IssuerKey ? publicKey : await IssuerKey.import(publicKey as MultikeyVerificationMethod);
    key = issuerKey.publicKeyObject();
    expectedKid = issuerKey.id;
    expectedIssuer = issuerKey.controller;
  } else {
    key = publicKey as KeyObject | JWK;
  }

  try {
    // algorithms pinned: never let the token choose (no 'none', no HMAC confusion).
    const { payload, protectedHeader } = await jwtVerify(jwt, key, { algorithms: ['EdDSA'], typ: 'vc+jwt', currentDate: now });
    const errors: string[] = [];
    if (expectedKid && protectedHeader.kid !== expectedKid) errors.push(`JWT kid "${protectedHeader.kid}" does not match key ${expectedKid}`);
    const ctx = payload['@context'];
    if (!Array.isArray(ctx) || ctx[0] !== VC_V2_CONTEXT_URL) errors.push(`JWT payload must be a VC 2.0 credential (@context[0] = ${VC_V2_CONTEXT_URL})`);
    const types = ([] as unknown[]).concat(payload.type ?? []);
    if (!types.includes('VerifiableCredential')) errors.push('JWT payload type must include VerifiableCredential');
    const issuerId = issuerIdOf(payload as { issuer?: unknown });
    if (expectedIssuer && issuerId !== expectedIssuer) errors.push(`Credential issuer ${issuerId} does not control key ${expectedKid}`);
    // jose only checks exp/nbf; the VC validity period lives in validFrom/validUntil.
    const { validFrom, validUntil } = payload as { validFrom?: string; validUntil?: string };
    const expired = typeof validUntil === 'string' && new Date(validUntil).getTime() < now.getTime();
    if (expired) errors.push(`Credential expired: validUntil ${validUntil} is before ${now.toISOString()}`);
    if (typeof validFrom === 'string' && new Date(validFrom).getTime() > now.getTime()) errors.push(`Credential not yet valid: validFrom ${validFrom}`);
    return { verified: errors.length === 0, errors, expired, credential: payload as Record<string, unknown>, header: protectedHeader };
  } catch (error) {
    return { verified: false, errors: [(error as Error).message ?? String(error)], expired: false };
  }
}
