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
 * read with core's ZipArchive: size- and ratio-checked from the archive's
 * directory before they are inflated (UPLOAD_MAX_EXPANDED_MB, UPLOAD_MAX_RATIO),
 * and an entry inflating past its declared size is stopped there and reported.
 *
 * Format sources: 1EdTech QTI 3.0 Results Reporting information model and
 * XSD binding (imsqti_resultv3p0_v1p0.xsd), QTI 2.1 Results Reporting, and
 * TAO's `QtiResultsService` export (values as CDATA, `multiple` responses as
 * one `value` each, `sessionStatus="final"`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ZipArchive, ZipError, type ZipEntry } from '@app/core/zip/zip-archive';
import { BUILT_IN_RESPONSES, QTI_RESULT_NAMESPACES, QtiFormatError, Run, type QtiItemResult, type QtiParseOptions, type QtiParseResult } from './qti-run';
import { clip, localName, scanResult, type RawVariable } from './qti-scanner';
import { decode, findDeclaration, isEmpty, isZip, looksLikeXml, syntaxMessage } from './qti-text';

export { QTI_PROBLEM_LIMIT, QTI_RESULT_NAMESPACES, QtiFormatError } from './qti-run';
export type { QtiCandidateResult, QtiItemResult, QtiParseOptions, QtiParseResult, QtiProblem } from './qti-run';
export { decodeEntities } from './qti-scanner';

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

function isSkippedEntry(name: string): boolean {
  if (name.endsWith('/')) return true; // folder
  const parts = name.split('/');
  if (parts.includes('__MACOSX')) return true;
  const base = parts[parts.length - 1];
  return base.startsWith('._') || !base.toLowerCase().endsWith('.xml');
}

function readZip(file: Buffer, filename: string, run: Run): void {
  // Only the central directory is read here: names and declared sizes.
  let archive: ZipArchive;
  try {
    archive = ZipArchive.open(file, { maxExpandedBytes: run.maxZipBytes, maxRatio: run.maxRatio });
  } catch (err) {
    throw unreadableZip(filename, err);
  }
  if (archive.entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new QtiFormatError(`${filename} is an Excel workbook, not QTI results; import it as a table instead`);
  }
  const xmlEntries = archive.entries.filter((e) => !isSkippedEntry(e.name));
  if (xmlEntries.length === 0) {
    run.problem(0, filename, 'the ZIP archive has no .xml files');
    return;
  }
  // Refused before anything is inflated, from the directory's sizes.
  const wanted = new Set<ZipEntry>();
  let total = 0;
  for (const entry of xmlEntries) {
    const { name, size } = entry;
    const refused = archive.refusal(entry);
    if (size > run.maxXmlBytes) {
      run.problem(0, name, `the file is larger than ${formatBytes(run.maxXmlBytes)} uncompressed`);
    } else if (total + size > run.maxZipBytes) {
      run.problem(0, name, `the archive's XML files add up to more than ${formatBytes(run.maxZipBytes)} uncompressed`);
    } else if (refused?.kind === 'too-large') {
      run.problem(0, name, `the file ${refused.reason}`);
    } else {
      total += size;
      wanted.add(entry);
    }
  }
  for (const entry of xmlEntries) {
    if (run.full) return;
    if (!wanted.has(entry)) continue; // refused above
    let data: Buffer;
    try {
      // Never more than the declared size: an entry that inflates past it is stopped and reported.
      data = archive.readSync(entry);
    } catch (err) {
      if (err instanceof ZipError && err.kind === 'too-large') {
        run.problem(0, entry.name, `the file ${err.reason}`);
        continue;
      }
      throw unreadableZip(filename, err);
    }
    if (isEmpty(data)) {
      run.problem(0, entry.name, 'the file is empty');
    } else if (!looksLikeXml(data)) {
      run.problem(0, entry.name, 'the file is not an XML document');
    } else {
      readDocument(data, entry.name, run);
    }
  }
}

function unreadableZip(filename: string, err: unknown): QtiFormatError {
  return new QtiFormatError(`${filename} is not a readable ZIP archive (${errorText(err)})`);
}

type XmlNode = string | { [key: string]: unknown };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

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

function asArray(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
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

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
