/// <reference path="./vendor-modules.d.ts" />
// Data Integrity proofs (eddsa-rdfc-2022, via @digitalbazaar/vc): the embedded proof survives
// being baked into an image and copied around as JSON, which is what OB 3.0 wallets and
// validators expect. Verification is in credential-verify.ts.
import { dataIntegrity } from './data-integrity-suite';
import type { DocumentLoader } from './document-loader';
import type { IssuerKey } from './issuer-key';
import { assertIssuerControlsKey, type DataIntegrityProofJson } from './credential-build';

/**
 * Adds a DataIntegrityProof (cryptosuite eddsa-rdfc-2022, proofPurpose assertionMethod).
 * Works for any VC 2.0 credential (badges and status list credentials). Returns a new object.
 */
export async function signCredential<T extends object>(credential: T, key: IssuerKey, documentLoader: DocumentLoader): Promise<T & { proof: DataIntegrityProofJson }> {
  // Caught here with a clear message; otherwise it only fails later, at verification.
  assertIssuerControlsKey(credential, key);
  if ('proof' in credential) throw new Error('Credential already has a proof; sign the unsecured credential');
  const { vc, DataIntegrityProof, eddsaRdfc2022 } = await dataIntegrity();
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader });
  return signed as T & { proof: DataIntegrityProofJson };
}
