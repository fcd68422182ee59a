// The VC-JOSE-COSE form of a credential (vc+jwt): compact for APIs and QR codes, and needs
// nothing but a JOSE library to check. The Data Integrity form is in credential-sign.ts.
import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, type JWK, type JWTPayload, type JWTHeaderParameters } from 'jose';
import { VC_V2_CONTEXT_URL } from './document-loader';
import { IssuerKey, type MultikeyVerificationMethod } from './issuer-key';
import { assertIssuerControlsKey, issuerIdOf } from './credential-build';

/**
 * Secures the credential as a JWS per VC-JOSE-COSE: protected header
 * `{ alg: 'EdDSA', typ: 'vc+jwt', kid }`, payload = the unsecured credential itself (no
 * `vc` claim wrapping, no `proof`).
 */
export async function signJwt(credential: object, key: IssuerKey): Promise<string> {
  if ('proof' in credential) throw new Error('signJwt expects an unsecured credential (remove the Data Integrity proof first)');
  assertIssuerControlsKey(credential, key);
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
