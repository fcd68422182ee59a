import { createHash } from 'node:crypto';
import type { SurveyTemplate } from './template';
import { canonicalJson, templateFingerprint } from './versioning';

function template(): SurveyTemplate {
  return {
    title: '2025 AI 교육 수요조사',
    sections: [
      {
        id: 'needs',
        title: '수요',
        questions: [
          {
            id: 'topics',
            text: '희망 연수 주제',
            required: true,
            type: 'multiple',
            options: [
              { value: 'basics', label: 'AI 기초' },
              { value: 'ethics', label: 'AI 윤리' },
            ],
            maxSelections: 2,
          },
          { id: 'hours', text: '희망 연수 시간', required: false, type: 'numeric', min: 0, max: 60, integer: true },
        ],
      },
    ],
  };
}

/** The same content with every object's keys written in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

describe('templateFingerprint', () => {
  it('is a SHA-256 hex digest of the canonical JSON', () => {
    const def = template();
    expect(templateFingerprint(def)).toMatch(/^[0-9a-f]{64}$/);
    expect(templateFingerprint(def)).toBe(createHash('sha256').update(canonicalJson(def)).digest('hex'));
  });

  it('pins the canonical form and digest of a small definition', () => {
    const def = { title: '조사', sections: [{ questions: [], title: '가', id: 's' }] };
    expect(canonicalJson(def)).toBe('{"sections":[{"id":"s","questions":[],"title":"가"}],"title":"조사"}');
    expect(templateFingerprint(def)).toBe(createHash('sha256').update('{"sections":[{"id":"s","questions":[],"title":"가"}],"title":"조사"}', 'utf8').digest('hex'));
  });

  it('does not depend on key order at any level', () => {
    const reordered = reverseKeys(template());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(template()));
    expect(templateFingerprint(reordered)).toBe(templateFingerprint(template()));
  });

  it('survives a JSON round trip (as through jsonb)', () => {
    expect(templateFingerprint(JSON.parse(JSON.stringify(template())))).toBe(templateFingerprint(template()));
  });

  it('ignores properties set to undefined, as storing as JSON would', () => {
    const def = template();
    def.sections[0].questions[1].maxLength = undefined;
    expect(templateFingerprint(def)).toBe(templateFingerprint(template()));
  });

  it.each<[string, (t: SurveyTemplate) => void]>([
    ['the title', (t) => (t.title = '2025 AI 교육 수요조사 (수정)')],
    ['a question text', (t) => (t.sections[0].questions[1].text = '희망 연수 시간(시간)')],
    ['an option label', (t) => (t.sections[0].questions[0].options![1].label = 'AI 윤리 교육')],
    ['option order', (t) => t.sections[0].questions[0].options!.reverse()],
    ['question order', (t) => t.sections[0].questions.reverse()],
    ['required', (t) => (t.sections[0].questions[1].required = true)],
    ['a bound', (t) => (t.sections[0].questions[1].max = 61)],
    ['a number type (1 vs "1")', (t) => ((t.sections[0].questions[1] as unknown as Record<string, unknown>).min = '0')],
    ['an added property', (t) => (t.sections[0].questions[1].showIf = { questionId: 'topics', operator: 'includes', value: 'basics' })],
    ['a removed property', (t) => delete t.sections[0].questions[0].maxSelections],
    ['an explicit default', (t) => (t.sections[0].questions[0].minSelections = 1)],
  ])('changes when %s changes', (_, edit) => {
    const edited = template();
    edit(edited);
    expect(templateFingerprint(edited)).not.toBe(templateFingerprint(template()));
  });
});

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units and escapes like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x"\n'], B: { z: -0, y: 1e21, x: 0.1 }, 가: 1, é: 2 })).toBe(
      '{"B":{"x":0.1,"y":1e+21,"z":0},"a":[true,null,"x\\"\\n"],"b":1,"é":2,"가":1}',
    );
  });

  it('writes undefined array elements as null, like JSON.stringify', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
  });

  it('accepts null-prototype objects', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it('allows a shared (non-circular) reference', () => {
    const options = [{ value: 'a', label: '가' }];
    expect(canonicalJson({ x: options, y: options })).toBe('{"x":[{"label":"가","value":"a"}],"y":[{"label":"가","value":"a"}]}');
  });

  it.each<[string, unknown]>([
    ['NaN', { min: NaN }],
    ['Infinity', { max: Infinity }],
    ['a bigint', { n: 1n }],
    ['a function', { f: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['a Date', { at: new Date(0) }],
    ['a Map', new Map()],
    ['undefined at the top', undefined],
  ])('refuses %s', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('refuses circular structures', () => {
    const a: Record<string, unknown> = { id: 'a' };
    a.self = { back: a };
    expect(() => canonicalJson(a)).toThrow('$.self.back: circular reference');
  });
});
