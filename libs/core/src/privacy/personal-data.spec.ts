import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { defer, lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { AccessEntry, AccessLog, MAX_STORED_SUBJECT_IDS } from './access-log';
import { PERSONAL_DATA_KEY, PersonalDataInterceptor, PersonalDataSpec, recordPersonalData } from './personal-data';

const USER = { id: 'u-1', email: 'p@x.kr', role: 'principal' as const, schoolId: 7, districtOffice: null, displayName: '가' };

function setup(spec: PersonalDataSpec, threshold = 3) {
  const written: AccessEntry[] = [];
  const log = { reasonThreshold: threshold, record: async (e: AccessEntry) => void written.push(e) } as unknown as AccessLog;
  const handler = () => undefined;
  Reflect.defineMetadata(PERSONAL_DATA_KEY, spec, handler);
  const interceptor = new PersonalDataInterceptor(new Reflector(), log, {} as DataSource);
  /** One request through the interceptor; `inside` runs within the handler (a manual route records there). */
  const run = async (result: unknown, query: Record<string, unknown> = {}, inside?: (req: never) => Promise<void>) => {
    const req = { user: USER, method: 'GET', url: '/api/v1/x?y=1', routeOptions: { url: '/api/v1/x/:id' }, params: { id: '5' }, query, ip: '10.1.2.3', id: 'req-1' };
    const ctx = { getType: () => 'http', getHandler: () => handler, switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
    const next: CallHandler = { handle: () => defer(async () => (await inside?.(req as never), result)) };
    await lastValueFrom(interceptor.intercept(ctx, next));
    return req;
  };
  return { written, run };
}

describe('@PersonalData and its interceptor', () => {
  it('records the route template, address, request id and every distinct subject; no subjects, no record', async () => {
    const { written, run } = setup({ action: 'read', subject: 'student', ids: (c) => c.result.ids, schoolId: () => 7 });
    await run({ ids: [1, 2, 2] });
    await run({ ids: [] });
    expect(written).toEqual([
      { actor: { id: 'u-1', role: 'principal' }, clientIp: '10.1.2.3', action: 'read', subjectType: 'student', subjectIds: ['1', '2'], subjectCount: 2, schoolId: 7, route: 'GET /api/v1/x/:id', requestId: 'req-1', reason: null },
    ]);
  });

  it("skips the caller's own data: their account, or what the route calls self", async () => {
    const own = setup({ action: 'read', subject: 'user', ids: () => ['u-1'] });
    await own.run({});
    expect(own.written).toEqual([]);
    const declared = setup({ action: 'read', subject: 'training_participant', ids: () => [9], self: (c) => c.result.userId === c.user.id });
    await declared.run({ userId: 'u-1' });
    await declared.run({ userId: 'u-2' });
    expect(declared.written.map((e) => e.subjectIds)).toEqual([['9']]);
  });

  it('asks a download for a reason only above the threshold, takes it out of the query and keeps it', async () => {
    const { written, run } = setup({ action: 'download', subject: 'student', manual: true }, 3);
    const download = (ids: number[], query: Record<string, unknown>) => run(undefined, query, (req) => recordPersonalData(req, { ids }));
    await download([1, 2, 3], {});
    await expect(download([1, 2, 3, 4], {})).rejects.toMatchObject({ code: 'REASON_REQUIRED', status: 400, details: [expect.objectContaining({ field: 'reason', count: 4 })] });
    const query = { schoolId: '7', reason: '  학기 말 점검  ' };
    await download([1, 2, 3, 4], query);
    expect(query).toEqual({ schoolId: '7' });
    await expect(download([1], { reason: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'reason', reason: 'must be 2 to 500 characters' }] });
    await expect(download([1], { reason: ['a', 'b'] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(written.map((e) => [e.subjectCount, e.reason])).toEqual([[3, null], [4, '학기 말 점검']]);
  });

  it('counts subjects a route knows only by number (an import)', async () => {
    const { written, run } = setup({ action: 'change', subject: 'student', count: (c) => c.result.received });
    await run({ received: 40 });
    expect(written[0]).toMatchObject({ subjectIds: [], subjectCount: 40 });
  });

  it('keeps at most 1,000 ids in a record and the real count beside them', async () => {
    const params: unknown[][] = [];
    const ds = { query: async (_: string, p: unknown[]) => void params.push(p) } as unknown as DataSource;
    const log = new AccessLog(ds, { privacyReasonThreshold: 1000 } as AppConfig);
    await log.record({ actor: null, clientIp: null, action: 'download', subjectType: 'student', subjectIds: Array.from({ length: 2500 }, (_, i) => i), route: 'GET /x' });
    const [ids, count] = [params[0][5] as string[], params[0][6]];
    expect([ids.length, ids[999], count]).toEqual([MAX_STORED_SUBJECT_IDS, '999', 2500]);
  });
});
