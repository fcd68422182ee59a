// W3C Bitstring Status List v1.0 (revocation only).
//
// One signed credential carries a GZIP-compressed bitstring; bit N set = the credential with
// statusListIndex N is revoked. Verifiers fetch one small, cacheable, herd-privacy-preserving
// document instead of asking us about a specific badge. The minimum length (131,072 bits =
// 16 KiB) is the spec's default so that an individual entry cannot be singled out.
import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT_URL, type DocumentLoader } from './document-loader';
import { toDateTime, type BitstringStatusListEntry } from './credential-build';
import { verifyCredential, type CheckStatus, type StatusCheckResult } from './credential-verify';

export const MIN_STATUS_LIST_LENGTH = 131_072;
// Guard against "zip bombs" in a fetched list: 16 MiB = 134M entries, far beyond real lists.
const MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

/**
 * Multibase base64url ('u' prefix, no padding) of the GZIP-compressed bitstring. Index 0 is
 * the most significant (left-most) bit of byte 0, as the spec requires.
 */
export function encodeStatusList(revokedIndexes: Iterable<number>, length = MIN_STATUS_LIST_LENGTH): string {
  if (!Number.isSafeInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(`Status list length must be a multiple of 8 and at least ${MIN_STATUS_LIST_LENGTH}, got ${length}`);
  }
  const bits = new Uint8Array(length / 8);
  for (const index of revokedIndexes) {
    if (!Number.isSafeInteger(index) || index < 0 || index >= length) throw new RangeError(`Status list index ${index} is out of range 0..${length - 1}`);
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** Decodes `encodedList` back to the raw bitstring bytes. */
export function decodeStatusList(encodedList: string): Uint8Array {
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new Error("encodedList must be multibase base64url (prefix 'u')");
  }
  try {
    return gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  } catch (error) {
    throw new Error(`encodedList is not a valid GZIP bitstring: ${(error as Error).message}`);
  }
}

function bitAt(bits: Uint8Array, index: number): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    // The spec treats an index outside the list as an error, never as "not revoked".
    throw new RangeError(`Status list index ${index} is out of range 0..${bits.length * 8 - 1}`);
  }
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

export function isRevoked(encodedList: string, index: number): boolean {
  return bitAt(decodeStatusList(encodedList), index);
}

export interface BitstringStatusListCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string | { id: string; [k: string]: unknown };
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: 'revocation';
    encodedList: string;
  };
  proof?: unknown;
}

/**
 * Unsigned status list credential; sign it with `signCredential` like a badge. The VC 2.0
 * context already defines the Bitstring Status List terms, so no extra context is needed.
 * `validUntil` lets verifiers know how long they may cache it.
 */
export function buildStatusListCredential(input: {
  id: string;
  issuer: string | { id: string; [k: string]: unknown };
  encodedList: string;
  validFrom: string | Date;
  validUntil?: string | Date;
}): BitstringStatusListCredential {
  decodeStatusList(input.encodedList); // fail early on a malformed list
  return {
    '@context': [VC_V2_CONTEXT_URL],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: toDateTime(input.validFrom, 'validFrom'),
    ...(input.validUntil !== undefined ? { validUntil: toDateTime(input.validUntil, 'validUntil') } : {}),
    credentialSubject: { id: `${input.id}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: input.encodedList },
  };
}

/** The `credentialStatus` entry for the credential at `index` of list `statusListCredential`. */
export function buildStatusEntry(statusListCredential: string, index: number): BitstringStatusListEntry {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`Invalid status list index ${index}`);
  return { id: `${statusListCredential}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential };
}

function idOf(issuer: unknown): string | undefined {
  return typeof issuer === 'string' ? issuer : (issuer as { id?: string } | undefined)?.id;
}

/**
 * A `checkStatus` for `verifyCredential`. The status list credential is obtained through
 * `loadStatusListCredential` (HTTP fetch with caching, a DB read for our own lists, …) and is
 * itself verified (proof, validity period, same issuer) before its bits are trusted: an
 * unsigned or foreign list could otherwise "un-revoke" a badge. The list is checked at `now`
 * (default: the real current time) even when the badge itself is evaluated at another time,
 * because what matters is whether the list is valid when we read it.
 */
export function createStatusChecker(options: {
  loadStatusListCredential: (url: string) => Promise<object>;
  documentLoader: DocumentLoader;
  now?: Date | string;
}): CheckStatus {
  return async ({ credential }): Promise<StatusCheckResult> => {
    try {
      const entries = ([] as unknown[]).concat(credential.credentialStatus ?? []) as Array<Partial<BitstringStatusListEntry> & { type?: string }>;
      for (const entry of entries) {
        if (entry.type !== 'BitstringStatusListEntry') throw new Error(`Unsupported credentialStatus type "${entry.type}"`);
        if (entry.statusPurpose !== 'revocation') throw new Error(`Unsupported statusPurpose "${entry.statusPurpose}"`);
        const index = Number(entry.statusListIndex);
        // The spec says string; a number is accepted from other issuers (liberal reader).
        if (entry.statusListIndex === undefined || String(entry.statusListIndex).trim() === '' || !Number.isSafeInteger(index) || index < 0) {
          throw new Error(`Invalid statusListIndex "${String(entry.statusListIndex)}"`);
        }
        const url = entry.statusListCredential;
        if (!url) throw new Error('credentialStatus.statusListCredential is missing');

        const list = (await options.loadStatusListCredential(url)) as Partial<BitstringStatusListCredential>;
        if (list.id !== url) throw new Error(`Status list credential id ${list.id} does not match ${url}`);
        if (!([] as unknown[]).concat(list.type ?? []).includes('BitstringStatusListCredential')) {
          throw new Error(`${url} is not a BitstringStatusListCredential`);
        }
        if (idOf(list.issuer) !== idOf(credential.issuer)) {
          throw new Error(`Status list issuer ${idOf(list.issuer)} differs from credential issuer ${idOf(credential.issuer)}`);
        }
        const listResult = await verifyCredential(list, options.documentLoader, { now: options.now });
        if (!listResult.verified) throw new Error(`Status list credential ${url} failed verification: ${listResult.errors.join('; ')}`);
        const subject = list.credentialSubject;
        const purposes = ([] as unknown[]).concat(subject?.statusPurpose ?? []);
        if (subject?.type !== 'BitstringStatusList' || !purposes.includes(entry.statusPurpose)) {
          throw new Error(`Status list ${url} is not a ${entry.statusPurpose} BitstringStatusList`);
        }
        if (bitAt(decodeStatusList(subject.encodedList), index)) {
          return { verified: false, revoked: true, error: new Error(`Credential has been revoked (status list ${url}, index ${index})`) };
        }
      }
      return { verified: true, revoked: false };
    } catch (error) {
      // Could not determine status: fail closed, but it is not a revocation.
      return { verified: false, revoked: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
  };
}
