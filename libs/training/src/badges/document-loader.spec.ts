/// <reference path="./vendor-modules.d.ts" />
import jsonld from 'jsonld';
import {
  bundledContextUrls,
  createDocumentLoader,
  DocumentLoaderError,
  DATA_INTEGRITY_V2_CONTEXT_URL,
  MULTIKEY_V1_CONTEXT_URL,
  OB_V3_CONTEXT_URL,
  STATUS_LIST_V1_CONTEXT_URL,
  VC_V2_CONTEXT_URL,
} from './document-loader';
import { IssuerKey } from './issuer-key';

const ISSUER = 'https://aiedu.sen.go.kr/issuers/sen';

describe('createDocumentLoader', () => {
  it('serves the VC 2.0, OB 3.0.x, Data Integrity, Multikey and status list contexts locally', async () => {
    const load = createDocumentLoader();
    const urls = [
      VC_V2_CONTEXT_URL,
      OB_V3_CONTEXT_URL,
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      DATA_INTEGRITY_V2_CONTEXT_URL,
      MULTIKEY_V1_CONTEXT_URL,
      STATUS_LIST_V1_CONTEXT_URL,
    ];
    for (const url of urls) {
      const doc = await load(url);
      expect(doc.documentUrl).toBe(url);
      expect(doc.document).toHaveProperty('@context');
    }
    expect(bundledContextUrls()).toEqual(expect.arrayContaining(urls));
    expect(STATUS_LIST_V1_CONTEXT_URL).toBe('https://www.w3.org/ns/credentials/status/v1');
  });

  it('refuses any other URL with a clear error', async () => {
    const load = createDocumentLoader();
    await expect(load('https://example.com/evil-context.json')).rejects.toThrow(DocumentLoaderError);
    await expect(load('https://example.com/evil-context.json')).rejects.toThrow(/refused "https:\/\/example.com\/evil-context.json".*no network/);
    // Pre-release OB URLs the package also maps are deliberately not accepted.
    await expect(load('https://imsglobal.github.io/openbadges-specification/ob_v3p0.html')).rejects.toThrow(DocumentLoaderError);
    await expect(load(`${ISSUER}#key-1`)).rejects.toThrow(DocumentLoaderError);
  });

  it('resolves a registered controller document and its keys by id', async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    const load = createDocumentLoader({ controllerDocuments: [key.publicDocument({ name: '서울특별시교육청' })] });
    const controller = await load(ISSUER);
    expect(controller.document).toMatchObject({ id: ISSUER, assertionMethod: [`${ISSUER}#key-1`] });
    const vm = await load(`${ISSUER}#key-1`);
    expect(vm.document).toEqual({
      '@context': MULTIKEY_V1_CONTEXT_URL,
      id: `${ISSUER}#key-1`,
      type: 'Multikey',
      controller: ISSUER,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    // Mutating what was loaded must not change the registered key.
    (vm.document as { publicKeyMultibase: string }).publicKeyMultibase = 'zEvil';
    expect((await load(`${ISSUER}#key-1`)).document).toHaveProperty('publicKeyMultibase', key.publicKeyMultibase);
  });

  it('rejects a controller document listing a key controlled by someone else', async () => {
    const key = await IssuerKey.generate({ issuerId: 'https://other.example/issuer' });
    const doc = { id: ISSUER, verificationMethod: [key.verificationMethod()] };
    expect(() => createDocumentLoader({ controllerDocuments: [doc] })).toThrow(/not controlled by/);
  });

  it('the controller document is valid JSON-LD (safe mode expansion, offline)', async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    const doc = key.publicDocument({ name: '서울특별시교육청', url: 'https://www.sen.go.kr' });
    const expanded = await jsonld.expand(doc, { documentLoader: createDocumentLoader(), safe: true });
    const node = expanded[0] as Record<string, unknown>;
    expect(node['https://w3id.org/security#assertionMethod']).toEqual([{ '@id': `${ISSUER}#key-1` }]);
    expect(node['@type']).toEqual(['https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile']);
  });
});
