/**
 * Reader for IMS QTI Results Reporting documents (`assessmentResult`), the
 * format CBT platforms such as TAO export test sessions in.
 *
 * Accepted input (a Buffer, as uploaded):
 *  - one XML document whose root is `assessmentResult`;
 *  - one XML document whose root wraps any number of `assessmentResult`
 *    elements (at any depth);
 *  - a ZIP archive of such documents (recognised by its `PK` signature). Only
 *    `*.xml` entries are read, in archive order; folders, `__MACOSX/` and
 *    AppleDouble `._*` entries and other files are skipped.
 *
 * Namespaces: QTI 3.0 (`imsqti_result_v3p0`) and the 2.1/2.2 results
 * namespaces TAO still writes; an element without any namespace is accepted
 * too. Prefixes (`qti:assessmentResult`) are resolved.
 *
 * What is read per `assessmentResult`: `context/@sourcedId` (the student),
 * `context/sessionIdentifier`s, and per `itemResult` its identifier,
 * sequenceIndex, sessionStatus, the candidate response of `RESPONSE` and the
 * `SCORE` outcome. `testResult` and every other variable are ignored.
 *
 * Problems are collected, never thrown; only an upload that is neither XML
 * nor a ZIP archive (or a ZIP that cannot be read) throws `QtiFormatError`.
 * Rows: `row` is the 1-based `index` of the `assessmentResult` across the
 * upload. A problem with a whole file (empty, not UTF-8, XML syntax error,
 * DOCTYPE, no `assessmentResult`, too large) has `row` 0 and names the file
 * in `column` (the ZIP entry's path, or the upload's name); a file with such
 * a problem contributes no results and uses up no row numbers.
 *
 * How: fast-xml-parser's validator checks each document's well-formedness
 * (a syntax error is reported with its line and column), its parser finds
 * the assessmentResult elements as unparsed "stop nodes", and a small scanner
 * reads the few elements and attributes we keep from each. 10,000 results ×
 * 30 items (130 MB of XML) take about 4 s of CPU and under 0.5 GB.
 *
 * Safety: DOCTYPE and ENTITY declarations are refused outright, and entity
 * expansion in the XML parser is off; only the five predefined entities and
 * numeric character references are decoded (by this module). ZIP entries are
 * size-checked from the archive's directory before they are inflated, and
 * the inflater never writes past the declared size.
 *
 * Format sources: 1EdTech QTI 3.0 Results Reporting information model and
 * XSD binding (imsqti_resultv3p0_v1p0.xsd), QTI 2.1 Results Reporting, and
 * TAO's `QtiResultsService` export (values as CDATA, `multiple` responses as
 * one `value` each, `sessionStatus="final"`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync, type UnzipFileInfo } from 'fflate';

export interface QtiItemResult {
  identifier: string;
  sequenceIndex?: number;
  sessionStatus?: string;
  /**
   * Candidate-response values of the `RESPONSE` variable (or of the only
   * response variable other than the built-in `numAttempts`/`duration`),
   * trimmed, in document order. `null` when absent or empty: QTI treats an
   * empty container and an empty string as NULL. Also `null` when an item has
   * several response variables and none is called `RESPONSE`.
   */
  response: string[] | null;
  /** The `SCORE` outcome; `null` when the item has no (or an empty) SCORE. */
  score: number | null;
}

export interface QtiCandidateResult {
  /** 1-based position of the assessmentResult across the upload (file order, then document order) — used as the "row" in error messages. */
  index: number;
  /** the file name inside a ZIP, or the upload's name */
  source: string;
  /** context@sourcedId — the school-issued pseudonymous student id */
  studentId: string;
  /** sessionIdentifier elements by the last path segment of sourceID (e.g. sourceID "https://aiedu.sen.go.kr/ns/school" → key "school"), value = identifier */
  context: Record<string, string>;
  items: QtiItemResult[];
}

export interface QtiProblem {
  /** `index` of the result; 0 for a problem with a whole file or the upload. */
  row: number;
  /** What inside the result (e.g. `itemResult[item-1]/SCORE`), or the file for row 0. */
  column?: string;
  reason: string;
}

export interface QtiParseResult {
  /**
   * Results without problems, in `index` order. A result with any problem is
   * left out, so when `problems` is not empty this is not the whole upload.
   */
  results: QtiCandidateResult[];
  /** At most {@link QTI_PROBLEM_LIMIT}; `problemCount` has the true total. */
  problems: QtiProblem[];
  problemCount: number;
}

export interface QtiParseOptions {
  /** More results than this is a problem (reported once); default 20,000. */
  maxResults?: number;
  /** Largest single XML document, in bytes; default 512 MiB. */
  maxXmlBytes?: number;
  /** Largest total of the XML entries of a ZIP, uncompressed; default 512 MiB. */
  maxZipBytes?: number;
}

/** Thrown only when the upload is neither an XML document nor a readable ZIP archive. */
export class QtiFormatError extends Error {
  override readonly name = 'QtiFormatError';
}

export const QTI_RESULT_NAMESPACES: readonly string[] = [
  'http://www.imsglobal.org/xsd/imsqti_result_v3p0',
  'http://www.imsglobal.org/xsd/imsqti_result_v2p2',
  'http://www.imsglobal.org/xsd/imsqti_result_v2p1',
];

/** Same cap as the tabular importers: a list longer than this helps nobody. */
export const QTI_PROBLEM_LIMIT = 1000;
const DEFAULT_MAX_RESULTS = 20_000;
const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
/** Response variables every QTI item has, which are not the candidate's answer. */
const BUILT_IN_RESPONSES = new Set(['numAttempts', 'duration']);

export function parseQtiResults(file: Buffer, filename: string, opts: QtiParseOptions = {}): QtiParseResult {
  const run = new Run(opts);
  if (isEmpty(file)) {
    run.problem(0, undefined, 'the upload is empty');
    return run.finish();
  }
  if (isZip(file)) {
    readZip(file, filename, run);
  } else if (looksLikeXml(file)) {
    readDocument(file, filename, run);
  } else {
    throw new QtiFormatError(`${filename} is neither an XML document nor a ZIP archive of XML documents`);
  }
  return run.finish();
}

// ---------------------------------------------------------------------------
// Upload bookkeeping

class Run {
  readonly maxResults: number;
  readonly maxXmlBytes: number;
  readonly maxZipBytes: number;
  readonly results: QtiCandidateResult[] = [];
  private readonly problems: QtiProblem[] = [];
  private problemCount = 0;
  /** Number of assessmentResult elements met so far; the next one gets `seen + 1`. */
  seen = 0;
  /** Set once more than maxResults results were met: nothing more is read. */
  full = false;

  constructor(opts: QtiParseOptions) {
    this.maxResults = opts.maxResults ?? DEFAULT_MAX_RESULTS;
    this.maxXmlBytes = opts.maxXmlBytes ?? DEFAULT_MAX_BYTES;
    this.maxZipBytes = opts.maxZipBytes ?? DEFAULT_MAX_BYTES;
  }

  problem(row: number, column: string | undefined, reason: string): void {
    this.problemCount++;
    if (this.problems.length < QTI_PROBLEM_LIMIT) {
      this.problems.push(column === undefined ? { row, reason } : { row, column, reason });
    }
  }

  /** Hands out the next row number, or undefined (and one problem) past maxResults. */
  nextIndex(): number | undefined {
    if (this.full) return undefined;
    if (this.seen >= this.maxResults) {
      this.full = true;
      this.problem(
        this.maxResults + 1,
        undefined,
        `the upload has more than ${this.maxResults} results; split it into smaller uploads`,
      );
      return undefined;
    }
    return ++this.seen;
  }

  finish(): QtiParseResult {
    return { results: this.results, problems: this.problems, problemCount: this.problemCount };
  }
}

// ---------------------------------------------------------------------------
// Containers: ZIP and byte-level sniffing

function isZip(b: Buffer): boolean {
  // Local file header, or the end-of-central-directory record of an empty archive.
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isEmpty(b: Uint8Array): boolean {
  let i = hasUtf8Bom(b) ? 3 : 0;
  while (i < b.length && isWhitespace(b[i])) i++;
  return i >= b.length;
}

function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function utf16Bom(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** First non-blank character is `<` (after a UTF-8 or UTF-16 byte-order mark). */
function looksLikeXml(b: Uint8Array): boolean {
  const u16 = utf16Bom(b);
  if (u16) {
    const lo = u16 === 'utf-16le' ? 0 : 1;
    for (let i = 2; i + 1 < b.length; i += 2) {
      const c = b[i + lo];
      if (b[i + 1 - lo] !== 0) return false;
      if (!isWhitespace(c)) return c === 0x3c;
    }
    return false;
  }
  let i = hasUtf8Bom(b) ? 3 : 0;
  while (i < b.length && isWhitespace(b[i])) i++;
  return i < b.length && b[i] === 0x3c;
}

function isSkippedEntry(name: string): boolean {
  if (name.endsWith('/')) return true; // folder
  const parts = name.split('/');
  if (parts.includes('__MACOSX')) return true;
  const base = parts[parts.length - 1];
  return base.startsWith('._') || !base.toLowerCase().endsWith('.xml');
}

function readZip(file: Buffer, filename: string, run: Run): void {
  // First pass reads only the central directory: names and declared sizes.
  const listing: { name: string; size: number }[] = [];
  unzip(file, filename, (f) => {
    listing.push({ name: f.name, size: f.originalSize });
    return false;
  });
  if (listing.some((e) => e.name === 'xl/workbook.xml')) {
    throw new QtiFormatError(`${filename} is an Excel workbook, not QTI results; import it as a table instead`);
  }
  const names: string[] = [];
  const wanted = new Set<string>();
  let total = 0;
  for (const { name, size } of listing) {
    if (isSkippedEntry(name)) continue;
    names.push(name);
    // Refused before anything is inflated; fflate inflates into a buffer of
    // exactly the declared size, so a lying header cannot make it grow.
    if (size > run.maxXmlBytes) {
      run.problem(0, name, `the file is larger than ${formatBytes(run.maxXmlBytes)} uncompressed`);
    } else if (total + size > run.maxZipBytes) {
      run.problem(0, name, `the archive's XML files add up to more than ${formatBytes(run.maxZipBytes)} uncompressed`);
    } else {
      total += size;
      wanted.add(name);
    }
  }
  if (names.length === 0) {
    run.problem(0, filename, 'the ZIP archive has no .xml files');
    return;
  }
  const entries = unzip(file, filename, (f) => wanted.has(f.name));
  for (const name of names) {
    if (run.full) return;
    const data = entries[name];
    if (data === undefined) continue; // refused above as too large
    delete entries[name]; // let the inflated bytes go once read
    if (isEmpty(data)) {
      run.problem(0, name, 'the file is empty');
    } else if (!looksLikeXml(data)) {
      run.problem(0, name, 'the file is not an XML document');
    } else {
      readDocument(data, name, run);
    }
  }
}

function unzip(file: Buffer, filename: string, filter: (f: UnzipFileInfo) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(file, { filter });
  } catch (err) {
    throw new QtiFormatError(`${filename} is not a readable ZIP archive (${errorText(err)})`);
  }
}

// ---------------------------------------------------------------------------
// One XML document

type XmlNode = string | { [key: string]: unknown };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * Finds the assessmentResult elements without building them: each one is a
 * "stop node" whose inner XML is kept as text and read by `scanResult`, so a
 * 100 MB upload never becomes one object tree. Entities are not processed
 * (no DTD ever gets to define one); `decodeEntities` handles the predefined
 * ones in the values we keep.
 */
const outerParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  transformTagName: localName,
  stopNodes: ['assessmentResult', '*.assessmentResult'],
  captureMetaData: true,
  alwaysCreateTextNode: true,
});

function readDocument(bytes: Uint8Array, source: string, run: Run): void {
  if (bytes.length > run.maxXmlBytes) {
    run.problem(0, source, `the file is larger than ${formatBytes(run.maxXmlBytes)}`);
    return;
  }
  const decoded = decode(bytes);
  if (typeof decoded !== 'string') {
    run.problem(0, source, decoded.error);
    return;
  }
  const text = decoded;
  if (!/\S/.test(text)) {
    run.problem(0, source, 'the file is empty');
    return;
  }
  const declaration = findDeclaration(text);
  if (declaration) {
    run.problem(0, source, `${declaration} declarations are not allowed`);
    return;
  }
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    run.problem(0, source, `XML syntax error at line ${line}, column ${col}: ${syntaxMessage(msg)}`);
    return;
  }
  let doc: Record<string, unknown>;
  try {
    doc = outerParser.parse(text) as Record<string, unknown>;
  } catch (err) {
    run.problem(0, source, `XML syntax error: ${errorText(err)}`);
    return;
  }
  // The validator lets a second root element through; look in every one.
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('#'));
  const rootName = roots[0];
  const found: { node: Record<string, unknown>; scope: NsScope }[] = [];
  for (const name of roots) {
    for (const root of asArray(doc[name])) collect(name, root, {}, found);
  }
  if (found.length === 0) {
    run.problem(
      0,
      source,
      rootName === undefined
        ? 'the file has no root element'
        : `no assessmentResult element (the root element is <${rootName}>)`,
    );
    return;
  }
  found.sort((a, b) => start(a.node) - start(b.node));
  for (const { node, scope } of found) {
    const index = run.nextIndex();
    if (index === undefined) return;
    readResult(text, node, scope, source, index, run);
  }
}

/** Namespace declarations in scope: prefix ('' for the default) → URI. */
type NsScope = Record<string, string>;

function withDeclarations(node: XmlNode, outer: NsScope): NsScope {
  if (typeof node === 'string') return outer;
  let scope = outer;
  for (const key of Object.keys(node)) {
    if (key === '@_xmlns' || key.startsWith('@_xmlns:')) {
      if (scope === outer) scope = { ...outer };
      scope[key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length)] = String(node[key]);
    }
  }
  return scope;
}

function collect(name: string, node: unknown, outer: NsScope, found: { node: Record<string, unknown>; scope: NsScope }[]): void {
  if (node === null || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  const scope = withDeclarations(element, outer);
  if (name === 'assessmentResult') {
    found.push({ node: element, scope });
    return;
  }
  for (const key of Object.keys(element)) {
    if (key.startsWith('@_') || key.startsWith('#')) continue;
    for (const child of asArray(element[key])) collect(key, child, scope, found);
  }
}

function start(node: Record<string, unknown>): number {
  const meta = (node as Record<symbol, unknown>)[META] as { startIndex?: number } | undefined;
  return meta?.startIndex ?? 0;
}

/** The element's namespace URI ('' for none), from its prefix as written in the text. */
function namespaceOf(text: string, node: Record<string, unknown>, scope: NsScope): string {
  const at = start(node);
  const raw = /^<([^\s/>]+)/.exec(text.slice(at, at + 200))?.[1] ?? 'assessmentResult';
  const colon = raw.indexOf(':');
  const prefix = colon === -1 ? '' : raw.slice(0, colon);
  return scope[prefix] ?? '';
}

// ---------------------------------------------------------------------------
// One assessmentResult

function readResult(
  text: string,
  node: Record<string, unknown>,
  scope: NsScope,
  source: string,
  index: number,
  run: Run,
): void {
  let problems = 0;
  const problem = (column: string | undefined, reason: string) => {
    problems++;
    run.problem(index, column, reason);
  };

  const ns = namespaceOf(text, node, scope);
  if (ns !== '' && !QTI_RESULT_NAMESPACES.includes(ns)) {
    problem('assessmentResult/@xmlns', `namespace '${ns}' is not QTI Results Reporting (expected ${QTI_RESULT_NAMESPACES[0]})`);
    return;
  }

  const inner = typeof node['#text'] === 'string' ? node['#text'] : '';
  const scanned = scanResult(inner);
  if (typeof scanned === 'string') {
    problem(undefined, `XML syntax error: ${scanned}`);
    return;
  }

  const studentId = scanned.studentId;
  if (studentId === undefined || studentId === '') {
    problem(
      'context/@sourcedId',
      scanned.hasContext ? 'the <context> element has no sourcedId (the student id)' : 'the result has no <context> element',
    );
  }

  const context: Record<string, string> = {};
  for (const { sourceId, identifier: value } of scanned.sessionIdentifiers) {
    const key = lastSegment(sourceId);
    if (key === '') {
      problem('context/sessionIdentifier/@sourceID', 'a sessionIdentifier has no sourceID');
    } else if (key in context && context[key] !== value) {
      problem(`context/sessionIdentifier[${key}]`, `two sessionIdentifiers named '${key}' disagree ('${context[key]}' and '${value}')`);
    } else {
      context[key] = value;
    }
  }

  if (scanned.items.length === 0) problem('itemResult', 'the result has no itemResult elements');

  const items: QtiItemResult[] = [];
  const seen = new Map<string, string | undefined>(); // identifier → datestamp of the first
  scanned.items.forEach((raw, position) => {
    const identifier = raw.identifier;
    if (identifier === undefined || identifier === '') {
      problem(`itemResult[#${position + 1}]/@identifier`, `itemResult number ${position + 1} has no identifier`);
      return;
    }
    const column = `itemResult[${identifier}]`;
    if (seen.has(identifier)) {
      const first = seen.get(identifier);
      problem(
        column,
        `item '${identifier}' has more than one itemResult` +
          (first || raw.datestamp ? ` (datestamps ${first ?? 'none'} and ${raw.datestamp ?? 'none'})` : '') +
          '; only one attempt per item can be imported',
      );
      return;
    }
    seen.set(identifier, raw.datestamp);

    const item: QtiItemResult = { identifier, response: null, score: null };
    const sequence = raw.sequenceIndex;
    if (sequence !== undefined && sequence !== '') {
      if (/^[0-9]+$/.test(sequence)) item.sequenceIndex = Number(sequence);
      else problem(`${column}/@sequenceIndex`, `sequenceIndex '${sequence}' is not a whole number`);
    }
    if (raw.sessionStatus !== undefined && raw.sessionStatus !== '') item.sessionStatus = raw.sessionStatus;

    item.response = chooseResponse(raw.responses);
    const scoreVar = raw.outcomes.find((o) => o.identifier === 'SCORE');
    if (scoreVar !== undefined) {
      const values = scoreVar.values;
      if (values.length > 1) {
        problem(`${column}/SCORE`, `SCORE has ${values.length} values; expected one`);
      } else if (values.length === 1) {
        const score = parseNumber(values[0]);
        if (score === undefined) problem(`${column}/SCORE`, `SCORE '${clip(values[0])}' is not a number`);
        else item.score = score;
      }
    }
    items.push(item);
  });

  if (problems === 0 && studentId !== undefined) {
    run.results.push({ index, source, studentId, context, items });
  }
}

function chooseResponse(variables: RawVariable[]): string[] | null {
  let chosen = variables.find((v) => v.identifier === 'RESPONSE');
  if (chosen === undefined) {
    const candidates = variables.filter((v) => !BUILT_IN_RESPONSES.has(v.identifier));
    if (candidates.length !== 1) return null;
    chosen = candidates[0];
  }
  return chosen.values.length === 0 ? null : chosen.values;
}

// ---------------------------------------------------------------------------
// Scanner for the inside of one assessmentResult
//
// By the time it runs, the whole document has passed fast-xml-parser's
// validator, so this only has to pick out the few elements and attributes we
// use. It is some ten times faster than building an object tree of every
// result with the parser, which matters at 10,000 students × 30 items.
// Elements are matched by local name; CDATA is taken literally and character
// data entity-decoded.

interface RawVariable {
  identifier: string;
  /** Trimmed, non-empty texts of the values (candidateResponse values for a response variable). */
  values: string[];
}

interface RawItem {
  identifier?: string;
  sequenceIndex?: string;
  sessionStatus?: string;
  datestamp?: string;
  responses: RawVariable[];
  outcomes: RawVariable[];
}

interface ScannedResult {
  hasContext: boolean;
  studentId?: string;
  sessionIdentifiers: { sourceId: string; identifier: string }[];
  items: RawItem[];
}

const START_TAG = /<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(source); m !== null; m = ATTRIBUTE.exec(source)) {
    out[localName(m[1])] = decodeEntities(m[2] ?? m[3]).trim();
  }
  return out;
}

/** The result's data, or a description of the syntax error. */
function scanResult(s: string): ScannedResult | string {
  const out: ScannedResult = { hasContext: false, sessionIdentifiers: [], items: [] };
  /** Raw names of the open elements, and their local names. */
  const raw: string[] = [];
  const path: string[] = [];
  let item: RawItem | undefined;
  let variable: RawVariable | undefined;
  let variableIsResponse = false;
  let inCandidate = false;
  let collecting = false;
  let value = '';
  let pos = 0;

  for (;;) {
    const lt = s.indexOf('<', pos);
    if (collecting) value += decodeEntities(s.slice(pos, lt === -1 ? s.length : lt));
    if (lt === -1) break;
    const next = s.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const gt = s.indexOf('>', lt);
      if (gt === -1) return 'an end tag is not closed';
      const name = s.slice(lt + 2, gt).trim();
      if (raw.length === 0 || raw[raw.length - 1] !== name) return `unexpected </${name}>`;
      raw.pop();
      const local = path.pop() as string;
      const depth = path.length;
      if (local === 'value' && collecting) {
        collecting = false;
        const t = value.trim();
        if (t !== '' && variable !== undefined) variable.values.push(t);
      } else if (local === 'candidateResponse') {
        inCandidate = false;
      } else if ((local === 'responseVariable' || local === 'outcomeVariable') && depth === 1 && item && variable) {
        (variableIsResponse ? item.responses : item.outcomes).push(variable);
        variable = undefined;
      } else if (local === 'itemResult' && depth === 0 && item) {
        out.items.push(item);
        item = undefined;
      }
      pos = gt + 1;
    } else if (next === 0x21 /* ! */) {
      if (s.startsWith('<!--', lt)) {
        const end = s.indexOf('-->', lt + 4);
        if (end === -1) return 'a comment is not closed';
        pos = end + 3;
      } else if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end === -1) return 'a CDATA section is not closed';
        if (collecting) value += s.slice(lt + 9, end);
        pos = end + 3;
      } else {
        return 'unexpected markup declaration';
      }
    } else if (next === 0x3f /* ? */) {
      const end = s.indexOf('?>', lt + 2);
      if (end === -1) return 'a processing instruction is not closed';
      pos = end + 2;
    } else {
      START_TAG.lastIndex = lt;
      const m = START_TAG.exec(s);
      if (m === null) return `malformed tag ${clip(s.slice(lt, lt + 60))}`;
      pos = START_TAG.lastIndex;
      const local = localName(m[1]);
      const depth = path.length;
      const parent = depth === 0 ? '' : path[depth - 1];
      const selfClosing = m[3] === '/';
      if (depth === 0 && local === 'context') {
        if (!out.hasContext) {
          out.hasContext = true;
          out.studentId = attributes(m[2]).sourcedId;
        }
      } else if (depth === 1 && local === 'sessionIdentifier' && parent === 'context') {
        const a = attributes(m[2]);
        out.sessionIdentifiers.push({ sourceId: a.sourceID ?? '', identifier: a.identifier ?? '' });
      } else if (depth === 0 && local === 'itemResult') {
        const a = attributes(m[2]);
        const fresh: RawItem = {
          identifier: a.identifier,
          sequenceIndex: a.sequenceIndex,
          sessionStatus: a.sessionStatus,
          datestamp: a.datestamp,
          responses: [],
          outcomes: [],
        };
        if (selfClosing) out.items.push(fresh);
        else item = fresh;
      } else if (depth === 1 && item && (local === 'responseVariable' || local === 'outcomeVariable')) {
        variableIsResponse = local === 'responseVariable';
        const v: RawVariable = { identifier: attributes(m[2]).identifier ?? '', values: [] };
        if (selfClosing) (variableIsResponse ? item.responses : item.outcomes).push(v);
        else variable = v;
      } else if (depth === 2 && variable && variableIsResponse && local === 'candidateResponse') {
        inCandidate = !selfClosing;
      } else if (local === 'value' && variable && !selfClosing && !collecting) {
        // A response's values count only inside candidateResponse (not correctResponse).
        if ((variableIsResponse && inCandidate && depth === 3) || (!variableIsResponse && depth === 2)) {
          collecting = true;
          value = '';
        }
      }
      if (!selfClosing) {
        raw.push(m[1]);
        path.push(local);
      }
    }
  }
  if (raw.length !== 0) return `<${raw[raw.length - 1]}> is not closed`;
  return out;
}

// ---------------------------------------------------------------------------
// Small helpers

function asArray(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The XML predefined entities and character references; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name];
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff));
    return valid ? String.fromCodePoint(code) : whole;
  });
}

const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function parseNumber(s: string): number | undefined {
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** "https://aiedu.sen.go.kr/ns/school" → "school"; "urn:x:class" → "class"; "candidateId" → itself. */
function lastSegment(uri: string): string {
  const parts = uri.split(/[/#:]/).filter((p) => p !== '');
  return parts.length === 0 ? '' : parts[parts.length - 1];
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/** Elements left open are what a cut-short upload looks like; say so in words. */
function syntaxMessage(msg: string): string {
  const many = /^Invalid '\[([\s\S]*)\]' found\.$/.exec(msg); // the validator's JSON list
  const one = /^Unclosed tag '([^']+)'\.$/.exec(msg);
  const open = many ? many[1].split(',') : one ? [one[1]] : undefined;
  if (open === undefined) return msg;
  const names = open.map((n) => `<${n.trim().replace(/^"|"$/g, '')}>`);
  return `the file ends before ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} closed (was it cut short?)`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `<!DOCTYPE` or `<!ENTITY` outside CDATA sections and comments, if any.
 * Refused outright: no document we read needs a DTD, and refusing them rules
 * out entity-expansion attacks whatever the parser's settings.
 */
function findDeclaration(text: string): string | undefined {
  if (text.indexOf('<!DOCTYPE') === -1 && text.indexOf('<!ENTITY') === -1) return undefined;
  const stripped = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  if (stripped.includes('<!DOCTYPE')) return 'DOCTYPE';
  if (stripped.includes('<!ENTITY')) return 'ENTITY';
  return undefined;
}

/** Bytes → text by BOM, else the XML declaration's encoding, else UTF-8; invalid bytes are an error. */
function decode(bytes: Uint8Array): string | { error: string } {
  let encoding: string;
  let body = bytes;
  const u16 = utf16Bom(bytes);
  if (u16) {
    encoding = u16;
    body = bytes.subarray(2);
  } else if (hasUtf8Bom(bytes)) {
    encoding = 'utf-8';
    body = bytes.subarray(3);
  } else {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString('latin1');
    const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    encoding = declared === undefined ? 'utf-8' : declared.toLowerCase();
    // A declaration we could read as ASCII was not written in UTF-16, whatever it says.
    if (encoding.startsWith('utf-16') || encoding === 'utf16') encoding = 'utf-8';
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    return { error: `the file's encoding '${encoding}' is not supported; save it as UTF-8` };
  }
  try {
    return decoder.decode(body);
  } catch (err) {
    if (err instanceof RangeError) return { error: 'the file is too large to read' };
    return { error: `the file is not valid ${decoder.encoding.toUpperCase()} text` };
  }
}
