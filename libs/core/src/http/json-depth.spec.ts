import { JSON_BODY_LIMITS, jsonBodyProblem } from './json-depth';

const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('jsonBodyProblem', () => {
  it('accepts ordinary bodies, up to 32 levels deep', () => {
    expect(jsonBodyProblem('{"name":"서울초","items":[{"id":"Q1","key":["2"]}]}')).toBeUndefined();
    expect(jsonBodyProblem(Buffer.from(`{"a":${nested(31)}}`))).toBeUndefined();
    expect(jsonBodyProblem('')).toBeUndefined();
  });

  it('refuses a body nested deeper than 32 levels, as 400 BODY_TOO_DEEP', () => {
    const problem = jsonBodyProblem(`{"a":${nested(32)}}`);
    expect(problem).toMatchObject({ status: 400, code: 'BODY_TOO_DEEP', message: 'The JSON body is nested more than 32 levels deep' });
    expect(jsonBodyProblem(`{"a":${nested(32, '{}')}}`)?.code).toBe('BODY_TOO_DEEP');
  });

  it('refuses 20,000 levels without recursing (no stack overflow)', () => {
    const body = Buffer.from(`{"sessions":${nested(20_000)}}`);
    expect(jsonBodyProblem(body)?.code).toBe('BODY_TOO_DEEP');
  });

  it('ignores brackets, braces and commas inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: `${'['.repeat(100)}\\"${','.repeat(20_000)}"{{{`, list: ['a,b', '"[', '\\'] });
    expect(jsonBodyProblem(text)).toBeUndefined();
    expect(JSON.parse(text).list).toEqual(['a,b', '"[', '\\']);
  });

  it('refuses more than 10,000 elements in one array or object, and more than 100,000 in all', () => {
    const array = (n: number) => `[${Array(n).fill('0').join(',')}]`;
    expect(jsonBodyProblem(array(10_000))).toBeUndefined();
    expect(jsonBodyProblem(array(10_001))).toMatchObject({ code: 'BODY_TOO_COMPLEX', message: 'An array or object in the JSON body has more than 10000 elements' });
    const members = `{${Array.from({ length: 10_001 }, (_, i) => `"k${i}":0`).join(',')}}`;
    expect(jsonBodyProblem(members)?.code).toBe('BODY_TOO_COMPLEX');
    // Eleven arrays of 9,999 elements: each within its limit, together over the total.
    const many = `[${Array(11).fill(array(9_999)).join(',')}]`;
    expect(jsonBodyProblem(many)).toMatchObject({ code: 'BODY_TOO_COMPLEX', message: 'The JSON body has more than 100000 elements' });
    expect(jsonBodyProblem(`[${Array(9).fill(array(9_999)).join(',')}]`)).toBeUndefined();
  });

  it('takes other limits', () => {
    expect(jsonBodyProblem(nested(3), { ...JSON_BODY_LIMITS, maxDepth: 2 })?.code).toBe('BODY_TOO_DEEP');
    expect(jsonBodyProblem('[1,2,3]', { ...JSON_BODY_LIMITS, maxItemsPerContainer: 2 })?.code).toBe('BODY_TOO_COMPLEX');
  });
});
