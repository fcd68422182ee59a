import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toErrorBody } from '../errors';
import { findTextProblem } from './clean-text';
import { IsFiniteNumber, IsId, NestedObject, OptionalNotNull, Text } from './input.decorators';

class Inner {
  @Text({ max: 10 })
  name: string;
}

class Sample {
  @Text({ max: 20 })
  title: string;

  @Text({ min: 0, max: 20, optional: 'nullable' })
  note?: string | null;

  @OptionalNotNull()
  @IsId()
  schoolId?: number;

  @OptionalNotNull()
  @IsFiniteNumber({ maxDecimalPlaces: 2 })
  area?: number;

  @OptionalNotNull()
  @NestedObject(() => Inner)
  inner?: Inner;
}

const problems = (body: object) => validateSync(plainToInstance(Sample, body)).map((e) => e.property).sort();

describe('the global text rule', () => {
  it('finds control characters and lone surrogates in values and property names, with their path', () => {
    expect(findTextProblem({ a: [{ b: 'x\u0000' }] })).toEqual({ field: 'a.0.b', reason: expect.stringContaining('U+0000') });
    expect(findTextProblem({ ['k\u001b']: 1 })).toEqual({ field: 'k\u001b', reason: expect.stringContaining('property name') });
    expect(findTextProblem({ a: 'x\ud800' })?.reason).toMatch(/lone surrogate/);
    expect(findTextProblem({ a: '\udc00x' })?.field).toBe('a');
    expect(findTextProblem('\u007f', 'itemId')?.field).toBe('itemId');
  });

  it('lets through tabs, line breaks, emoji and ordinary text', () => {
    expect(findTextProblem({ a: '줄\n바꿈\r\n\t탭 🎓👩‍🏫', b: ['x', { c: 1, d: null }] })).toBeUndefined();
  });

  it('walks deep values without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextProblem(deep)?.reason).toMatch(/control/);
  });
});

describe('field decorators', () => {
  it('trims and requires text, and refuses whitespace only', () => {
    expect(problems({ title: '   ' })).toEqual(['title']);
    expect(plainToInstance(Sample, { title: '  제목 ' }).title).toBe('제목');
    expect(problems({ title: 'x'.repeat(21) })).toEqual(['title']);
    expect(problems({ title: 'ok', note: null })).toEqual([]);
    expect(problems({ title: 'ok', note: '' })).toEqual([]);
  });

  it('normalises text to NFC', () => {
    expect(plainToInstance(Sample, { title: '\u1100\u1161' }).title).toBe('가');
  });

  it('bounds ids to int4 and refuses null where the column is NOT NULL', () => {
    expect(problems({ title: 'ok', schoolId: 2 ** 31 })).toEqual(['schoolId']);
    expect(problems({ title: 'ok', schoolId: 1e308 })).toEqual(['schoolId']);
    expect(problems({ title: 'ok', schoolId: 2 ** 31 - 1 })).toEqual([]);
    expect(problems({ title: 'ok', schoolId: null })).toEqual(['schoolId']);
    expect(problems({ title: 'ok' })).toEqual([]);
  });

  it('checks decimals without throwing on numbers printed in exponent form', () => {
    expect(problems({ title: 'ok', area: 5e-324 })).toEqual(['area']);
    expect(problems({ title: 'ok', area: 1e-7 })).toEqual(['area']);
    expect(problems({ title: 'ok', area: 1.25 })).toEqual([]);
    expect(problems({ title: 'ok', area: 1.255 })).toEqual(['area']);
  });

  it('requires nested values to be objects', () => {
    expect(problems({ title: 'ok', inner: [{ name: 'a' }] })).toEqual(['inner']);
    expect(problems({ title: 'ok', inner: 'x' })).toEqual(['inner']);
    expect(problems({ title: 'ok', inner: { name: ' ' } })).toEqual(['inner']);
    expect(problems({ title: 'ok', inner: { name: 'a' } })).toEqual([]);
  });
});

describe('the database safety net', () => {
  const queryFailed = (driverError: object) => Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError });

  it('answers what only bad input causes with a 400 naming the column', () => {
    const body = toErrorBody(queryFailed({ code: '23502', column: 'display_name' }), 'req-1');
    expect(body).toMatchObject({ statusCode: 400, code: 'INPUT_REFUSED', details: [{ field: 'display_name' }], requestId: 'req-1' });
    expect(toErrorBody(queryFailed({ code: '22003' }), 'r').statusCode).toBe(400);
    expect(toErrorBody(queryFailed({ code: '22P05' }), 'r').statusCode).toBe(400);
  });

  it('leaves other database errors, and look-alikes that are not query errors, as 500s', () => {
    expect(toErrorBody(queryFailed({ code: '40P01' }), 'r').statusCode).toBe(500);
    expect(toErrorBody(Object.assign(new Error('x'), { code: '23502' }), 'r').statusCode).toBe(500);
  });
});
