/// <reference path="./vendor-modules.d.ts" />
// The Data Integrity stack (@digitalbazaar/vc, jsonld, rdf-canonize, the eddsa-rdfc-2022
// cryptosuite) takes ~30 MB once loaded, and only signing and verifying badges need it: it is
// loaded on first use (lazyModule), not when the api starts.
import { lazyModule } from '@app/core/lazy/lazy-module';

export const dataIntegrity = lazyModule(async () => {
  const [vc, { DataIntegrityProof }, { cryptosuite }] = await Promise.all([
    import('@digitalbazaar/vc'),
    import('@digitalbazaar/data-integrity'),
    import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
  ]);
  return { vc, DataIntegrityProof, eddsaRdfc2022: cryptosuite };
});
