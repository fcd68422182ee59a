import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { qtiZipBomb } from '../../../../test/support/zip-bombs';
import { QTI_PROBLEM_LIMIT, QtiFormatError, decodeEntities, parseQtiResults } from './qti-results';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const xml = (s: string) => Buffer.from(s, 'utf8');
const zip = (files: Zippable) => Buffer.from(zipSync(files));

const V3 = 'http://www.imsglobal.org/xsd/imsqti_result_v3p0';

/** One minimal assessmentResult, for the inline cases. */
function result(sourcedId: string | null, items: string, attrs = ''): string {
  const context = sourcedId === null ? '<context/>' : `<context sourcedId="${sourcedId}"/>`;
  return `<assessmentResult${attrs}>${context}${items}</assessmentResult>`;
}

function item(id: string, opts: { response?: string[]; score?: string; extra?: string } = {}): string {
  const response =
    opts.response === undefined
      ? ''
      : `<responseVariable identifier="RESPONSE" cardinality="multiple" baseType="identifier"><candidateResponse>${opts.response
          .map((v) => `<value>${v}</value>`)
          .join('')}</candidateResponse></responseVariable>`;
  const score =
    opts.score === undefined
      ? ''
      : `<outcomeVariable identifier="SCORE" cardinality="single" baseType="float"><value>${opts.score}</value></outcomeVariable>`;
  return `<itemResult identifier="${id}" sessionStatus="final">${response}${opts.extra ?? ''}${score}</itemResult>`;
}

const wrap = (results: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<results xmlns="${V3}">\n${results.join('\n')}\n</results>\n`;

describe('parseQtiResults', () => {
  describe('TAO export (QTI 2.1 namespace, CDATA values)', () => {
    const parsed = parseQtiResults(fixture('tao-v2p1-single.xml'), 'tao-v2p1-single.xml');

    it('reads the one result with its context', () => {
      expect(parsed.problems).toEqual([]);
      expect(parsed.problemCount).toBe(0);
      expect(parsed.results).toHaveLength(1);
      const [r] = parsed.results;
      expect(r.index).toBe(1);
      expect(r.source).toBe('tao-v2p1-single.xml');
      expect(r.studentId).toBe('S2025-0501-017');
      expect(r.context).toEqual({
        school: '7010123',
        grade: '5',
        class: '3',
        deliveryExecution: 'i17154831123456789',
      });
    });

    it('takes RESPONSE over the built-in numAttempts and duration, and SCORE over the other outcomes', () => {
      expect(parsed.results[0].items).toEqual([
        { identifier: 'item-1', sessionStatus: 'final', response: ['choice_2'], score: 1 },
        { identifier: 'item-2', sessionStatus: 'final', response: ['choice_1', 'choice_3'], score: 0.5 },
        { identifier: 'item-3', sessionStatus: 'final', response: null, score: 0 },
        { identifier: 'item-4', sessionStatus: 'final', response: ['R&D <AI> 윤리'], score: 1 },
        { identifier: 'item-5', sessionStatus: 'final', response: ['step_c', 'step_a', 'step_b'], score: 1 },
      ]);
    });
  });

  describe('batch export (QTI 3.0, wrapper root, qti: prefix, BOM)', () => {
    const parsed = parseQtiResults(fixture('qti3-batch.xml'), 'batch.xml');

    it('finds every assessmentResult in document order, not the one inside a comment', () => {
      expect(parsed.problems).toEqual([]);
      expect(parsed.results.map((r) => [r.index, r.studentId, r.source])).toEqual([
        [1, 'S2025-0802-001', 'batch.xml'],
        [2, 'S2025-0802-002', 'batch.xml'],
        [3, 'S2025-0802-003', 'batch.xml'],
      ]);
      expect(parsed.results[1].context).toEqual({ school: '7130456', class: '5' });
    });

    it('decodes entities and character references, trims values, and treats an empty response as null', () => {
      const [first, second] = parsed.results;
      expect(first.items).toEqual([
        { identifier: 'g8-ethics-01', sequenceIndex: 1, sessionStatus: 'final', response: ['choice_B'], score: 1 },
        { identifier: 'g8-use-02', sequenceIndex: 2, sessionStatus: 'final', response: ['Q&A 챗봇 가나'], score: 1 },
        { identifier: 'g8-data-03', sequenceIndex: 3, sessionStatus: 'final', response: null, score: 0 },
      ]);
      // Document order is kept; sequenceIndex tells the order the student saw.
      expect(second.items.map((i) => [i.identifier, i.sequenceIndex])).toEqual([
        ['g8-ethics-01', 2],
        ['g8-use-02', 1],
        ['g8-data-03', 3],
      ]);
      expect(second.items[1]).toEqual({
        identifier: 'g8-use-02',
        sequenceIndex: 1,
        sessionStatus: 'pendingResponseProcessing',
        response: ['잘 모르겠음'],
        score: null,
      });
      expect(second.items[2].response).toEqual(['choice_A', 'choice_D']);
    });

    it('stops at maxResults and says so once, on the first row past it', () => {
      const capped = parseQtiResults(fixture('qti3-batch.xml'), 'batch.xml', { maxResults: 2 });
      expect(capped.results.map((r) => r.index)).toEqual([1, 2]);
      expect(capped.problems).toEqual([{ row: 3, reason: expect.stringContaining('more than 2 results') }]);
    });
  });

  it('reports every bad result with its row and column and keeps only the good ones', () => {
    const parsed = parseQtiResults(fixture('qti3-problems.xml'), 'problems.xml');
    expect(parsed.problems).toEqual([
      { row: 1, column: 'context/@sourcedId', reason: expect.stringContaining('no sourcedId') },
      { row: 2, column: 'itemResult[item-1]', reason: expect.stringContaining('more than one itemResult') },
      { row: 3, column: 'itemResult[item-1]/@sequenceIndex', reason: expect.stringContaining("'first'") },
      { row: 3, column: 'itemResult[item-1]/SCORE', reason: "SCORE 'one' is not a number" },
      { row: 5, column: 'itemResult', reason: expect.stringContaining('no itemResult') },
    ]);
    expect(parsed.problems[1].reason).toContain('2025-05-12T10:05:00+09:00');
    expect(parsed.results.map((r) => [r.index, r.studentId])).toEqual([[4, 'S0004']]);
  });

  describe('whole-file problems (row 0, the file named in column)', () => {
    it('an XML syntax error gives its line and column', () => {
      const parsed = parseQtiResults(fixture('broken-syntax.xml'), 'broken.xml');
      expect(parsed.results).toEqual([]);
      expect(parsed.problems).toEqual([
        { row: 0, column: 'broken.xml', reason: expect.stringMatching(/^XML syntax error at line 6, column \d+: .*itemResult/) },
      ]);
    });

    it('a file cut short names the elements left open', () => {
      const cut = fixture('qti3-batch.xml').toString('utf8').split('<assessmentResult xmlns')[0];
      const parsed = parseQtiResults(xml(cut), 'cut.xml');
      expect(parsed.results).toEqual([]);
      expect(parsed.problems).toEqual([
        {
          row: 0,
          column: 'cut.xml',
          reason: expect.stringContaining('the file ends before <export> is closed (was it cut short?)'),
        },
      ]);
    });

    it('refuses a DOCTYPE (billion laughs) without expanding anything', () => {
      const parsed = parseQtiResults(fixture('billion-laughs.xml'), 'lol.xml');
      expect(parsed.results).toEqual([]);
      expect(parsed.problems).toEqual([{ row: 0, column: 'lol.xml', reason: 'DOCTYPE declarations are not allowed' }]);
    });

    it('refuses an ENTITY declaration outside a DOCTYPE, but not DOCTYPE text inside CDATA', () => {
      const withEntity = parseQtiResults(xml(`<results><!ENTITY x "y">${result('S1', item('i1', { score: '1' }))}</results>`), 'e.xml');
      expect(withEntity.problems).toEqual([{ row: 0, column: 'e.xml', reason: 'ENTITY declarations are not allowed' }]);

      const inCdata = parseQtiResults(
        xml(result('S1', item('i1', { response: ['<![CDATA[<!DOCTYPE html> &amp;]]>'], score: '1' }))),
        'c.xml',
      );
      expect(inCdata.problems).toEqual([]);
      expect(inCdata.results[0].items[0].response).toEqual(['<!DOCTYPE html> &amp;']);
    });

    it('a document without assessmentResult names its root element', () => {
      const parsed = parseQtiResults(xml(`<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v3p0" identifier="x"/>`), 'item.xml');
      expect(parsed.problems).toEqual([
        { row: 0, column: 'item.xml', reason: 'no assessmentResult element (the root element is <assessmentItem>)' },
      ]);
    });

    it('an empty upload, or one of only whitespace and a BOM', () => {
      for (const b of [Buffer.alloc(0), xml('\uFEFF \r\n\t')]) {
        const parsed = parseQtiResults(b, 'empty.xml');
        expect(parsed).toEqual({ results: [], problems: [{ row: 0, reason: 'the upload is empty' }], problemCount: 1 });
      }
    });

    it('bytes that are not valid in the declared encoding', () => {
      const bad = Buffer.concat([xml('<assessmentResult><context sourcedId="S'), Buffer.from([0xc3, 0x28]), xml('"/></assessmentResult>')]);
      expect(parseQtiResults(bad, 'bad.xml').problems).toEqual([
        { row: 0, column: 'bad.xml', reason: 'the file is not valid UTF-8 text' },
      ]);
    });
  });

  it('throws QtiFormatError only for an upload that is neither XML nor ZIP', () => {
    expect(() => parseQtiResults(xml('%PDF-1.7\n...'), 'scan.pdf')).toThrow(QtiFormatError);
    expect(() => parseQtiResults(xml('student,item-1\nS1,1\n'), 'scores.csv')).toThrow(
      'scores.csv is neither an XML document nor a ZIP archive of XML documents',
    );
    expect(() => parseQtiResults(Buffer.concat([xml('PK'), Buffer.from([3, 4]), Buffer.alloc(40, 7)]), 'x.zip')).toThrow(
      /x\.zip is not a readable ZIP archive/,
    );
    const workbook = zip({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(() => parseQtiResults(workbook, 'scores.xlsx')).toThrow(/Excel workbook/);
  });

  describe('ZIP archives', () => {
    it('reads the .xml entries in archive order, skipping folders, __MACOSX and other files', () => {
      const archive = zip({
        'export/': {},
        'export/tao-0017.xml': fixture('tao-v2p1-single.xml'),
        'export/readme.txt': strToU8('exported by TAO'),
        'export/broken.xml': fixture('broken-syntax.xml'),
        '__MACOSX/export/._tao-0017.xml': new Uint8Array([0, 5, 22, 7, 0, 2]),
        'export/batch.XML': fixture('qti3-batch.xml'),
      });
      const parsed = parseQtiResults(archive, 'results.zip');
      expect(parsed.results.map((r) => [r.index, r.source, r.studentId])).toEqual([
        [1, 'export/tao-0017.xml', 'S2025-0501-017'],
        // The broken file takes no row numbers.
        [2, 'export/batch.XML', 'S2025-0802-001'],
        [3, 'export/batch.XML', 'S2025-0802-002'],
        [4, 'export/batch.XML', 'S2025-0802-003'],
      ]);
      expect(parsed.problems).toEqual([
        { row: 0, column: 'export/broken.xml', reason: expect.stringMatching(/^XML syntax error at line 6/) },
      ]);
    });

    it('an archive without .xml files, and empty or non-XML entries', () => {
      expect(parseQtiResults(zip({ 'a.txt': strToU8('x') }), 'r.zip').problems).toEqual([
        { row: 0, column: 'r.zip', reason: 'the ZIP archive has no .xml files' },
      ]);
      expect(parseQtiResults(zip({}), 'r.zip').problems).toEqual([
        { row: 0, column: 'r.zip', reason: 'the ZIP archive has no .xml files' },
      ]);
      expect(parseQtiResults(zip({ 'a.xml': new Uint8Array(0), 'b.xml': strToU8('hello') }), 'r.zip').problems).toEqual([
        { row: 0, column: 'a.xml', reason: 'the file is empty' },
        { row: 0, column: 'b.xml', reason: 'the file is not an XML document' },
      ]);
    });

    it('refuses entries larger than the limits before inflating them', () => {
      const big = strToU8(wrap([result('S1', item('i1', { score: '1' }))]) + ' '.repeat(5000));
      const parsed = parseQtiResults(zip({ 'a.xml': big, 'b.xml': big }), 'r.zip', { maxXmlBytes: 6000, maxZipBytes: 8000 });
      expect(parsed.results.map((r) => r.source)).toEqual(['a.xml']);
      expect(parsed.problems).toEqual([
        { row: 0, column: 'b.xml', reason: expect.stringContaining('add up to more than 8000 bytes') },
      ]);
      const single = parseQtiResults(zip({ 'a.xml': big }), 'r.zip', { maxXmlBytes: 1000 });
      expect(single.problems).toEqual([{ row: 0, column: 'a.xml', reason: 'the file is larger than 1000 bytes uncompressed' }]);
    });

    it('refuses a ZIP bomb with the default limits: honest sizes from the directory, a lying one while inflating', () => {
      const MiB = 1024 * 1024;
      const parsed = parseQtiResults(
        qtiZipBomb([
          { name: 'a.xml', bytes: 300 * MiB }, // over UPLOAD_MAX_EXPANDED_MB (the limit was 512 MiB)
          { name: 'b.xml', bytes: 150 * MiB }, // under it, but compressed about 300:1
          { name: 'c.xml', bytes: 500 * MiB, declaredSize: 64 * 1024 }, // says 64 KiB
        ]),
        'bomb.zip',
      );
      expect(parsed.problems).toEqual([
        { row: 0, column: 'a.xml', reason: 'the file is larger than 200 MiB uncompressed' },
        { row: 0, column: 'b.xml', reason: expect.stringMatching(/^the file is compressed \d+:1, more than the 200:1 allowed$/) },
        { row: 0, column: 'c.xml', reason: "the file expands to more than the 65536 bytes the archive's directory declares" },
      ]);
    });
  });

  describe('namespaces', () => {
    it('accepts QTI 3.0, 2.2, 2.1 and no namespace; refuses another one', () => {
      const doc = `<results xmlns:a="${V3}" xmlns:b="http://www.imsglobal.org/xsd/imsqti_result_v2p2">
        <a:assessmentResult><a:context sourcedId="S1"/>${item('i1', { score: '1' }).replace(/<(\/?)/g, '<$1a:')}</a:assessmentResult>
        <b:assessmentResult><b:context sourcedId="S2"/>${item('i1', { score: '1' }).replace(/<(\/?)/g, '<$1b:')}</b:assessmentResult>
        ${result('S3', item('i1', { score: '1' }), ' xmlns="http://www.imsglobal.org/xsd/imsqti_result_v2p1"')}
        ${result('S4', item('i1', { score: '1' }), ' xmlns="http://www.imsglobal.org/xsd/imsqti_v3p0"')}
        ${result('S5', item('i1', { score: '1' }))}
      </results>`;
      const parsed = parseQtiResults(xml(doc), 'ns.xml');
      expect(parsed.results.map((r) => r.studentId)).toEqual(['S1', 'S2', 'S3', 'S5']);
      expect(parsed.problems).toEqual([
        {
          row: 4,
          column: 'assessmentResult/@xmlns',
          reason: expect.stringContaining("namespace 'http://www.imsglobal.org/xsd/imsqti_v3p0' is not QTI Results Reporting"),
        },
      ]);
    });

    it('a prefix bound on the wrapper and redeclared on a result', () => {
      const doc = `<q:results xmlns:q="urn:other"><q:assessmentResult xmlns:q="${V3}"><q:context sourcedId="S1"/><q:itemResult identifier="i1"/></q:assessmentResult></q:results>`;
      const parsed = parseQtiResults(xml(doc), 'p.xml');
      expect(parsed.problems).toEqual([]);
      expect(parsed.results[0].items).toEqual([{ identifier: 'i1', response: null, score: null }]);
    });
  });

  describe('responses and scores', () => {
    it('uses the only non-built-in response variable when none is called RESPONSE, and none when there are several', () => {
      const one = `<responseVariable identifier="numAttempts" cardinality="single" baseType="integer"><candidateResponse><value>2</value></candidateResponse></responseVariable>
        <responseVariable identifier="RESPONSE_1" cardinality="single" baseType="identifier"><candidateResponse><value>A</value></candidateResponse></responseVariable>`;
      const two = `${one}<responseVariable identifier="RESPONSE_2" cardinality="single" baseType="identifier"><candidateResponse><value>B</value></candidateResponse></responseVariable>`;
      const parsed = parseQtiResults(xml(result('S1', item('i1', { extra: one }) + item('i2', { extra: two }))), 'r.xml');
      expect(parsed.results[0].items.map((i) => i.response)).toEqual([['A'], null]);
    });

    it('accepts signed, decimal and exponent scores; refuses NaN, Infinity, several values and text', () => {
      const ok = parseQtiResults(
        xml(result('S1', [item('a', { score: '-0.5' }), item('b', { score: '1e0' }), item('c', { score: '.75' }), item('d', { score: '' })].join(''))),
        'r.xml',
      );
      expect(ok.results[0].items.map((i) => i.score)).toEqual([-0.5, 1, 0.75, null]);

      const bad = parseQtiResults(
        xml(
          result(
            'S1',
            [
              item('a', { score: 'NaN' }),
              item('b', { score: 'Infinity' }),
              item('c', { score: '1</value><value>2' }),
              item('d', { score: '0x10' }),
            ].join(''),
          ),
        ),
        'r.xml',
      );
      expect(bad.results).toEqual([]);
      expect(bad.problems).toEqual([
        { row: 1, column: 'itemResult[a]/SCORE', reason: "SCORE 'NaN' is not a number" },
        { row: 1, column: 'itemResult[b]/SCORE', reason: "SCORE 'Infinity' is not a number" },
        { row: 1, column: 'itemResult[c]/SCORE', reason: 'SCORE has 2 values; expected one' },
        { row: 1, column: 'itemResult[d]/SCORE', reason: "SCORE '0x10' is not a number" },
      ]);
    });

    it('reports an itemResult without identifier, and conflicting sessionIdentifiers', () => {
      const doc = `<assessmentResult><context sourcedId="S1">
          <sessionIdentifier sourceID="urn:sen:school" identifier="1"/>
          <sessionIdentifier sourceID="https://aiedu.sen.go.kr/ns/school/" identifier="2"/>
        </context><itemResult sessionStatus="final"/>${item('i2')}</assessmentResult>`;
      expect(parseQtiResults(xml(doc), 'r.xml').problems).toEqual([
        { row: 1, column: 'context/sessionIdentifier[school]', reason: "two sessionIdentifiers named 'school' disagree ('1' and '2')" },
        { row: 1, column: 'itemResult[#1]/@identifier', reason: 'itemResult number 1 has no identifier' },
      ]);
    });

    it('reads a self-closing assessmentResult as one without context', () => {
      expect(parseQtiResults(xml(`<results><assessmentResult/></results>`), 'r.xml').problems).toEqual([
        { row: 1, column: 'context/@sourcedId', reason: 'the result has no <context> element' },
        { row: 1, column: 'itemResult', reason: 'the result has no itemResult elements' },
      ]);
    });
  });

  describe('encodings', () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?>\r\n${result('학생-1', item('i1', { response: ['가 &amp; 나'], score: '1' }))}\r\n`;

    it('UTF-16 with a byte-order mark', () => {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]);
      const parsed = parseQtiResults(le, 'u16.xml');
      expect(parsed.problems).toEqual([]);
      expect(parsed.results[0].studentId).toBe('학생-1');
      expect(parsed.results[0].items[0].response).toEqual(['가 & 나']);
    });

    it('a legacy encoding named in the XML declaration (EUC-KR)', () => {
      // "학생" in EUC-KR (KS X 1001): C7D0 BBFD.
      const euc = Buffer.concat([
        xml('<?xml version="1.0" encoding="EUC-KR"?><assessmentResult><context sourcedId="'),
        Buffer.from([0xc7, 0xd0, 0xbb, 0xfd]),
        xml(`"/>${item('i1', { score: '1' })}</assessmentResult>`),
      ]);
      const parsed = parseQtiResults(euc, 'euc.xml');
      expect(parsed.problems).toEqual([]);
      expect(parsed.results[0].studentId).toBe('학생');
    });

    it('an unknown encoding name is a problem, not a crash', () => {
      const parsed = parseQtiResults(xml('<?xml version="1.0" encoding="x-made-up"?><assessmentResult/>'), 'x.xml');
      expect(parsed.problems).toEqual([{ row: 0, column: 'x.xml', reason: expect.stringContaining("'x-made-up' is not supported") }]);
    });
  });

  it(`keeps at most ${QTI_PROBLEM_LIMIT} problems but counts them all`, () => {
    const many = wrap(Array.from({ length: 1200 }, () => result(null, item('i1', { score: '1' }))));
    const parsed = parseQtiResults(xml(many), 'many.xml');
    expect(parsed.problems).toHaveLength(QTI_PROBLEM_LIMIT);
    expect(parsed.problemCount).toBe(1200);
    expect(parsed.problems[999].row).toBe(1000);
  });

  it('decodeEntities handles the predefined entities and character references only', () => {
    expect(decodeEntities('a &amp;lt; &lt;&gt;&quot;&apos; &#65;&#x42;&#xac00; &nbsp; &#0; &#xD800;')).toBe(
      'a &lt; <>"\' AB가 &nbsp; &#0; &#xD800;',
    );
  });

  describe('volume: 2,000 students × 30 items', () => {
    const STUDENTS = 2000;
    const ITEMS = 30;
    const choice = (s: number, i: number) => `choice_${((s * 7 + i) % 4) + 1}`;
    const score = (s: number, i: number) => (((s * 7 + i) % 4) + 1 === 2 ? 1 : 0);

    function student(s: number): string {
      const items: string[] = [];
      for (let i = 1; i <= ITEMS; i++) {
        items.push(
          `  <itemResult identifier="item-${i}" sequenceIndex="${i}" datestamp="2025-05-12T10:${String(i).padStart(2, '0')}:00+09:00" sessionStatus="final">
    <responseVariable identifier="RESPONSE" cardinality="single" baseType="identifier">
      <candidateResponse><value>${choice(s, i)}</value></candidateResponse>
    </responseVariable>
    <outcomeVariable identifier="SCORE" cardinality="single" baseType="float"><value>${score(s, i)}</value></outcomeVariable>
  </itemResult>`,
        );
      }
      return `<assessmentResult xmlns="${V3}">
  <context sourcedId="S${String(s).padStart(5, '0')}">
    <sessionIdentifier sourceID="https://aiedu.sen.go.kr/ns/school" identifier="SCH${s % 40}"/>
    <sessionIdentifier sourceID="https://aiedu.sen.go.kr/ns/class" identifier="${s % 9}"/>
  </context>
  <testResult identifier="ai-literacy-g5" datestamp="2025-05-12T10:45:00+09:00"/>
${items.join('\n')}
</assessmentResult>`;
    }

    function check(parsed: ReturnType<typeof parseQtiResults>) {
      expect(parsed.problems).toEqual([]);
      expect(parsed.results).toHaveLength(STUDENTS);
      expect(parsed.results.every((r, n) => r.index === n + 1 && r.items.length === ITEMS)).toBe(true);
      for (const s of [0, 1, 999, STUDENTS - 1]) {
        const r = parsed.results[s];
        expect(r.studentId).toBe(`S${String(s).padStart(5, '0')}`);
        expect(r.context).toEqual({ school: `SCH${s % 40}`, class: String(s % 9) });
        for (const i of [1, 17, ITEMS]) {
          expect(r.items[i - 1]).toEqual({
            identifier: `item-${i}`,
            sequenceIndex: i,
            sessionStatus: 'final',
            response: [choice(s, i)],
            score: score(s, i),
          });
        }
      }
    }

    it('as one wrapper document', () => {
      const students = Array.from({ length: STUDENTS }, (_, s) => student(s));
      const doc = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<assessmentResults>\n${students.join('\n')}\n</assessmentResults>\n`);
      check(parseQtiResults(doc, 'all.xml'));
    });

    it('as a ZIP with one document per student', () => {
      const files: Zippable = {};
      for (let s = 0; s < STUDENTS; s++) {
        files[`results/${String(s).padStart(5, '0')}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n${student(s)}\n`);
      }
      const parsed = parseQtiResults(zip(files), 'all.zip');
      check(parsed);
      expect(parsed.results[1234].source).toBe('results/01234.xml');
    });
  });
});
