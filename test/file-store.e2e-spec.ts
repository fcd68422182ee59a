import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { DirectoryFileStore, FileStore, minimalPdf, PostgresFileStore, StoredFileMissingError } from '@app/core';
import { importAttachmentDir } from '../apps/cli/src/files-import';
import { createCall } from './support/designation-fixtures';
import { schoolId } from './support/fixtures';
import { startTestApp, TestApp, testConfig } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const PDF = minimalPdf('운영계획서');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

describe('uploaded files are kept where every api instance reaches them (FILE_STORE)', () => {
  let a: TestApp;
  let b: TestApp;
  let dirApp: TestApp;
  let dir: string;
  let adminA: Client;
  let adminB: Client;
  let principal: Client;
  let callId: number;

  beforeAll(async () => {
    a = await startTestApp();
    // A second api process would be just this: the same database and Redis, no shared disk.
    b = await startTestApp({ join: a });
    dir = mkdtempSync(join(tmpdir(), 'aiedu-files-'));
    dirApp = await startTestApp({ join: a, env: { FILE_STORE: 'dir', ATTACHMENT_DIR: dir } });
    adminA = await a.as({ email: 'admin-a@sen.go.kr', role: 'city_admin' });
    adminB = await b.as({ email: 'admin-b@sen.go.kr', role: 'city_admin' });
    principal = await a.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: await schoolId(a.db, '서울개포초등학교') });
    callId = (await createCall(adminA, { requiredAttachments: ['operating_plan'] })).id;
  });
  afterAll(async () => {
    await dirApp?.close();
    await b?.close();
    await a?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves through api B an attachment uploaded through api A (PostgreSQL store, the default)', async () => {
    expect([a.config.fileStore, b.config.fileStore]).toEqual(['postgres', 'postgres']);
    const created = await principal.post(`/api/v1/designations/calls/${callId}/applications`, { planSummary: '계획' });
    expect(created.status).toBe(201);
    const attached = await principal.upload(`/api/v1/designations/applications/${created.body.id}/attachments?kind=operating_plan`, PDF, '운영계획서.pdf');
    expect(attached.status).toBe(201);
    const [attachment] = attached.body.attachments;

    const viaB = await adminB.get(`/api/v1/designations/applications/${created.body.id}/attachments/${attachment.id}`);
    expect(viaB.status).toBe(200);
    expect(viaB.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.compare(viaB.body, PDF)).toBe(0);
    // Kept in the database under the attachment's key, nowhere else.
    expect(await b.db.query(`SELECT o.byte_size FROM file_objects o JOIN designation_attachments t ON t.storage_key = o.key WHERE t.id = $1`, [attachment.id])).toEqual([{ byte_size: PDF.length }]);

    // An attach the application's state refuses leaves no file behind: it is stored in the transaction that adds its row.
    expect((await principal.post(`/api/v1/designations/applications/${created.body.id}/submit`)).status).toBe(200);
    const [{ n: before }] = await a.db.query(`SELECT count(*)::int AS n FROM file_objects`);
    const late = await principal.upload(`/api/v1/designations/applications/${created.body.id}/attachments?kind=budget`, PDF, '예산.pdf');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_STATE');
    expect(await a.db.query(`SELECT count(*)::int AS n FROM file_objects`)).toEqual([{ n: before }]);
  });

  it('keeps files under ATTACHMENT_DIR with FILE_STORE=dir, and a file missing from the store is 404, not 500', async () => {
    expect(dirApp.config.fileStore).toBe('dir');
    const dirPrincipal = await dirApp.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: await schoolId(a.db, '서울도곡초등학교') });
    const created = await dirPrincipal.post(`/api/v1/designations/calls/${callId}/applications`, { planSummary: '계획' });
    const attached = await dirPrincipal.upload(`/api/v1/designations/applications/${created.body.id}/attachments?kind=operating_plan`, PDF, 'plan.pdf');
    expect(attached.status).toBe(201);
    const [{ storage_key: key }] = await a.db.query(`SELECT storage_key FROM designation_attachments WHERE id = $1`, [attached.body.attachments[0].id]);
    expect(readdirSync(dir)).toEqual([key]);
    const path = `/api/v1/designations/applications/${created.body.id}/attachments/${attached.body.attachments[0].id}`;
    const adminDir = await dirApp.as({ email: 'admin-dir@sen.go.kr', role: 'city_admin' });
    expect(Buffer.compare((await adminDir.get(path)).body, PDF)).toBe(0);
    // Instances on different stores do not see each other's files (why the default is the database).
    const elsewhere = await adminA.get(path);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('NOT_FOUND');
  });

  it('copies the files of the directory store into the database (files:import-dir), checked and repeatable', async () => {
    const lines: string[] = [];
    expect(await importAttachmentDir(a.api, dir, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([`copied 1 attachment file(s) from ${dir} into the database; 0 not copied`]);
    // Now api A (PostgreSQL store) serves the attachment uploaded through the directory store.
    const [{ id, application_id: app }] = await a.db.query(`SELECT id, application_id FROM designation_attachments ORDER BY id DESC LIMIT 1`);
    const file = await adminA.get(`/api/v1/designations/applications/${app}/attachments/${id}`);
    expect(Buffer.compare(file.body, PDF)).toBe(0);
    lines.length = 0;
    expect(await importAttachmentDir(a.api, dir, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([`copied 0 attachment file(s) from ${dir} into the database; 0 not copied`]);
    // A row whose file is not there is reported, and the command fails.
    await a.db.query(`INSERT INTO designation_attachments (application_id, kind, filename, content_type, byte_size, sha256, storage_key) VALUES ($1, 'budget', 'b.pdf', 'application/pdf', 1, 'x', 'gone.pdf')`, [app]);
    lines.length = 0;
    expect(await importAttachmentDir(a.api, dir, (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual([`copied 0 attachment file(s) from ${dir} into the database; 1 not copied`, `  gone.pdf: not in ${dir}`]);
    await a.db.query(`DELETE FROM designation_attachments WHERE storage_key = 'gone.pdf'`);
  });

  describe.each([
    ['postgres', () => a.api.get(FileStore)],
    ['dir', () => new DirectoryFileStore(join(dir, 'store'))],
  ])('the %s driver', (driver, make) => {
    let store: FileStore;
    beforeAll(() => {
      store = make();
      expect(store.driver).toBe(driver);
    });

    it('puts, replaces, gets, streams and deletes by key', async () => {
      const key = `${randomBytes(8).toString('hex')}.pdf`;
      await expect(store.get(key)).rejects.toBeInstanceOf(StoredFileMissingError);
      await expect(store.stream(key)).rejects.toBeInstanceOf(StoredFileMissingError);
      await store.put(key, Buffer.from('first'));
      await store.put(key, Buffer.from('second'));
      expect((await store.get(key)).toString()).toBe('second');
      expect(await text(await store.stream(key))).toBe('second');
      // Larger than a slice: streamed in pieces, whole and in order.
      const big = randomBytes(2 * PostgresFileStore.CHUNK + 12345);
      await store.put(key, big);
      expect(Buffer.compare(await readAll(await store.stream(key)), big)).toBe(0);
      expect(Buffer.compare(await store.get(key), big)).toBe(0);
      await store.put('empty.txt', Buffer.alloc(0));
      expect((await readAll(await store.stream('empty.txt'))).length).toBe(0);
      expect(await store.delete(key)).toBe(true);
      expect(await store.delete(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(StoredFileMissingError);
    });

    it('refuses keys that are not plain names', async () => {
      for (const key of ['../etc/passwd', 'a/b.pdf', '.hidden', 'x..pdf', '', 'a'.repeat(201)]) {
        await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/bad file key/);
        await expect(store.get(key)).rejects.toThrow(/bad file key/);
      }
    });
  });

  it('puts and deletes with the transaction given (PostgreSQL): a rollback undoes both', async () => {
    const store = a.api.get(FileStore);
    await store.put('kept.pdf', Buffer.from('kept'));
    await a.db
      .transaction(async (tx) => {
        await store.put('rolled-back.pdf', Buffer.from('never'), tx);
        expect(await store.delete('kept.pdf', tx)).toBe(true);
        expect((await store.get('rolled-back.pdf', tx)).toString()).toBe('never');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await expect(store.get('rolled-back.pdf')).rejects.toBeInstanceOf(StoredFileMissingError);
    expect((await store.get('kept.pdf')).toString()).toBe('kept');
  });

  it('reads FILE_STORE: postgres by default, dir on request, nothing else', () => {
    expect(testConfig().fileStore).toBe('postgres');
    expect(testConfig({ FILE_STORE: 'dir', ATTACHMENT_DIR: '/srv/files' })).toMatchObject({ fileStore: 'dir', attachmentDir: '/srv/files' });
    expect(() => testConfig({ FILE_STORE: 's3' })).toThrow(/FILE_STORE/);
  });
});
