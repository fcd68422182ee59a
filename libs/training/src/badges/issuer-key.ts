/// <reference path="./vendor-modules.d.ts" />
// Issuer signing keys: Ed25519 as a W3C Multikey, the key format the eddsa-rdfc-2022
// cryptosuite and controller documents use. The key id is `${issuerId}#key-N` so a verifier
// finds the key inside the issuer's own profile, and a new suffix rotates the key without
// changing the issuer id (old badges keep verifying while the old key stays listed).
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import type { Ed25519MultikeyKeyPair } from '@digitalbazaar/ed25519-multikey';
import { lazyModule } from '@app/core/lazy/lazy-module';
import {
  DID_V1_CONTEXT_URL,
  MULTIKEY_V1_CONTEXT_URL,
  OB_V3_CONTEXT_URL,
  VC_V2_CONTEXT_URL,
  type ControllerDocument,
} from './document-loader';

/** Public half of a key as it appears in a controller document. */
export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/** `export()` output; `secretKeyMultibase` only when the private key was requested. */
export interface IssuerKeyJson extends MultikeyVerificationMethod {
  '@context': string;
  secretKeyMultibase?: string;
}

/**
 * The database-column form of a key. The public fields stay readable (so a row can be
 * matched to a key id without the secret) and are bound to the ciphertext as AES-GCM
 * additional data, so swapping them between rows makes decryption fail.
 */
export interface EncryptedIssuerKey {
  v: 1;
  alg: 'A256GCM';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  iv: string;
  tag: string;
  ciphertext: string;
  id: string;
  controller: string;
  publicKeyMultibase: string;
}

export interface IssuerProfileInput {
  id: string;
  name?: string;
  url?: string;
}

// scrypt cost: N=2^15, r=8 uses 128*N*r = 32 MiB, just over Node's default `maxmem` (hence the
// explicit limit), and takes ~100 ms: fine for a key decrypted once per process. The
// parameters are stored with each ciphertext so they can be raised later.
const SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 128 * 1024 * 1024;
const KEY_SUFFIX_RE = /^[A-Za-z0-9._~-]+$/;
/** Loaded with the first key (see data-integrity-suite.ts), not when the api starts. */
const multikey = lazyModule(() => import('@digitalbazaar/ed25519-multikey'));

function assertIssuerId(issuerId: string): void {
  let url: URL;
  try {
    url = new URL(issuerId);
  } catch {
    throw new Error(`Issuer id must be an absolute URI (https:// or did:), got "${issuerId}"`);
  }
  if (url.hash) throw new Error(`Issuer id must not contain a fragment: "${issuerId}"`);
}

function deriveKey(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('A non-empty secret is required to encrypt/decrypt an issuer key');
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, 32, { ...params, maxmem: SCRYPT_MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function additionalData(e: Pick<EncryptedIssuerKey, 'v' | 'alg' | 'id' | 'controller' | 'publicKeyMultibase'>): Buffer {
  return Buffer.from(JSON.stringify([e.v, e.alg, e.id, e.controller, e.publicKeyMultibase]), 'utf8');
}

export class IssuerKey {
  private constructor(private readonly keyPair: Ed25519MultikeyKeyPair) {}

  /** New random key `${issuerId}#${keySuffix}` controlled by `issuerId`. */
  static async generate(options: { issuerId: string; keySuffix?: string; seed?: Uint8Array }): Promise<IssuerKey> {
    const { issuerId, keySuffix = 'key-1', seed } = options;
    assertIssuerId(issuerId);
    if (!KEY_SUFFIX_RE.test(keySuffix)) throw new Error(`Invalid key suffix "${keySuffix}"`);
    return new IssuerKey(await (await multikey()).generate({ id: `${issuerId}#${keySuffix}`, controller: issuerId, seed }));
  }

  /** Imports `export()` output (with or without the private key). */
  static async import(json: IssuerKeyJson | MultikeyVerificationMethod): Promise<IssuerKey> {
    if (json?.type !== 'Multikey') throw new Error('Issuer key JSON must be a Multikey');
    if (!json.id || !json.controller || !json.id.startsWith(`${json.controller}#`)) {
      throw new Error('Issuer key JSON must have an id of the form `${controller}#suffix`');
    }
    const key = new IssuerKey(await (await multikey()).from({ '@context': MULTIKEY_V1_CONTEXT_URL, ...json }));
    if (key.hasPrivateKey) await key.assertKeyPairConsistent();
    return key;
  }

  /** Decrypts `exportEncrypted()` output; throws on a wrong secret or altered data. */
  static async importEncrypted(stored: string | EncryptedIssuerKey, secret: string): Promise<IssuerKey> {
    const e: EncryptedIssuerKey = typeof stored === 'string' ? JSON.parse(stored) : stored;
    if (e?.v !== 1 || e.alg !== 'A256GCM' || e.kdf?.name !== 'scrypt') throw new Error('Unsupported encrypted issuer key format');
    const key = await deriveKey(secret, Buffer.from(e.kdf.salt, 'base64url'), e.kdf);
    let secretKeyMultibase: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(e.iv, 'base64url'));
      decipher.setAAD(additionalData(e));
      decipher.setAuthTag(Buffer.from(e.tag, 'base64url'));
      secretKeyMultibase = Buffer.concat([decipher.update(Buffer.from(e.ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      // GCM authentication failure: same message for wrong secret and tampering on purpose.
      throw new Error(`Cannot decrypt issuer key ${e.id}: wrong secret or corrupted data`);
    }
    return IssuerKey.import({ '@context': MULTIKEY_V1_CONTEXT_URL, type: 'Multikey', id: e.id, controller: e.controller, publicKeyMultibase: e.publicKeyMultibase, secretKeyMultibase });
  }

  get id(): string {
    return this.keyPair.id!;
  }
  get controller(): string {
    return this.keyPair.controller!;
  }
  get publicKeyMultibase(): string {
    return this.keyPair.publicKeyMultibase;
  }
  get hasPrivateKey(): boolean {
    return !!this.keyPair.secretKey;
  }

  /** Multikey JSON; the private key is included only when asked for explicitly. */
  async export(options: { includePrivateKey?: boolean } = {}): Promise<IssuerKeyJson> {
    if (options.includePrivateKey && !this.hasPrivateKey) throw new Error(`Issuer key ${this.id} has no private key to export`);
    // canonicalize: 32-byte seed form of the secret key, as the Multikey spec defines it.
    const json = await this.keyPair.export({ publicKey: true, secretKey: !!options.includePrivateKey, includeContext: true, canonicalize: true });
    return json as IssuerKeyJson;
  }

  /** JSON string for a database column: private key AES-256-GCM encrypted under `secret`. */
  async exportEncrypted(secret: string): Promise<string> {
    const { secretKeyMultibase } = await this.export({ includePrivateKey: true });
    const salt = randomBytes(16);
    const iv = randomBytes(12); // 96-bit random nonce; a fresh key per export via the fresh salt anyway
    const key = await deriveKey(secret, salt, SCRYPT);
    const header = { v: 1 as const, alg: 'A256GCM' as const, id: this.id, controller: this.controller, publicKeyMultibase: this.publicKeyMultibase };
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(additionalData(header));
    const ciphertext = Buffer.concat([cipher.update(secretKeyMultibase!, 'utf8'), cipher.final()]);
    const out: EncryptedIssuerKey = {
      ...header,
      kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64url') },
      iv: iv.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
    };
    return JSON.stringify(out);
  }

  verificationMethod(): MultikeyVerificationMethod {
    return { id: this.id, type: 'Multikey', controller: this.controller, publicKeyMultibase: this.publicKeyMultibase };
  }

  /** The issuer profile a verifier dereferences at `issuerId`, listing this key. */
  publicDocument(profile: Omit<IssuerProfileInput, 'id'> = {}): ControllerDocument {
    return buildControllerDocument({ issuer: { id: this.controller, ...profile }, keys: [this] });
  }

  /** Signer for Data Integrity suites. */
  signer(): ReturnType<Ed25519MultikeyKeyPair['signer']> {
    if (!this.hasPrivateKey) throw new Error(`Issuer key ${this.id} has no private key; it can only verify`);
    return this.keyPair.signer();
  }

  /** Public key as an OKP JWK (RFC 8037), for JOSE. */
  publicJwk(): { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string } {
    return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(this.keyPair.publicKey).toString('base64url'), kid: this.id };
  }

  publicKeyObject(): KeyObject {
    const { kty, crv, x } = this.publicJwk();
    return createPublicKey({ key: { kty, crv, x }, format: 'jwk' });
  }

  /**
   * Private key as a Node KeyObject for jose. Built from the 32-byte seed: the Multikey
   * library's own toJwk() puts the 64-byte seed||public form in `d`, which WebCrypto rejects.
   */
  async privateKeyObject(): Promise<KeyObject> {
    const { secretKey } = await this.keyPair.export({ secretKey: true, raw: true, canonicalize: true });
    if (!secretKey) throw new Error(`Issuer key ${this.id} has no private key`);
    const { kty, crv, x } = this.publicJwk();
    return createPrivateKey({ key: { kty, crv, x, d: Buffer.from(secretKey).toString('base64url') }, format: 'jwk' });
  }

  /** Imported key material could pair a secret with someone else's public key; re-derive and compare. */
  private async assertKeyPairConsistent(): Promise<void> {
    const { secretKey } = await this.keyPair.export({ secretKey: true, raw: true, canonicalize: true });
    const derived = await (await multikey()).generate({ seed: secretKey!.subarray(0, 32) });
    if (derived.publicKeyMultibase !== this.publicKeyMultibase) throw new Error(`Issuer key ${this.id}: private key does not match public key`);
  }
}

/**
 * Issuer profile + controller document in one JSON-LD object: an OB 3.0 `Profile` (so it can
 * be served at the issuer URL) that lists the issuer's keys under `verificationMethod` and
 * authorises them for `assertionMethod`. Pass every key still valid for verification
 * (current + rotated-out ones); `assertionKeys` limits which may sign (default: all).
 */
export function buildControllerDocument(options: {
  issuer: IssuerProfileInput;
  keys: Array<IssuerKey | MultikeyVerificationMethod>;
  assertionKeys?: string[];
}): ControllerDocument {
  const { issuer, keys } = options;
  assertIssuerId(issuer.id);
  const verificationMethod = keys.map((k) => (k instanceof IssuerKey ? k.verificationMethod() : { id: k.id, type: 'Multikey' as const, controller: k.controller, publicKeyMultibase: k.publicKeyMultibase }));
  for (const vm of verificationMethod) {
    if (vm.controller !== issuer.id) throw new Error(`Key ${vm.id} is controlled by ${vm.controller}, not ${issuer.id}`);
  }
  const assertionMethod = options.assertionKeys ?? verificationMethod.map((vm) => vm.id);
  return {
    // DID v1 first: defines verificationMethod/assertionMethod and lets jsonld-signatures use
    // the document as-is; VC v2 + OB 3.0.3 give the Profile terms; Multikey the key terms.
    '@context': [DID_V1_CONTEXT_URL, VC_V2_CONTEXT_URL, OB_V3_CONTEXT_URL, MULTIKEY_V1_CONTEXT_URL],
    id: issuer.id,
    type: 'Profile',
    ...(issuer.name !== undefined ? { name: issuer.name } : {}),
    ...(issuer.url !== undefined ? { url: issuer.url } : {}),
    verificationMethod,
    assertionMethod,
  };
}
