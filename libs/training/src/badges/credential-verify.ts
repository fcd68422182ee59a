/// <reference path="./vendor-modules.d.ts" />
// Verification of Data Integrity proofs (eddsa-rdfc-2022, via @digitalbazaar/vc) with the
// validity period and Bitstring Status List revocation. Signing is in credential-sign.ts.
import type { VcVerifyResult } from '@digitalbazaar/vc';
import { dataIntegrity } from './data-integrity-suite';
import type { DocumentLoader } from './document-loader';

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

function errorsOf(result: VcVerifyResult): Set<string> {
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

  const { vc, DataIntegrityProof, eddsaRdfc2022 } = await dataIntegrity();
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
