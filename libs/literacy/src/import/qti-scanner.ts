/*
 * Scanner for the inside of one assessmentResult
 *
 * By the time it runs, the whole document has passed fast-xml-parser's
 * validator, so this only has to pick out the few elements and attributes we
 * use. It is some ten times faster than building an object tree of every
 * result with the parser, which matters at 10,000 students × 30 items.
 * Elements are matched by local name; CDATA is taken literally and character
 * data entity-decoded.
 */
export interface RawVariable {
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

export interface ScannedResult {
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
export function scanResult(s: string): ScannedResult | string {
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

export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** `qti:itemResult` → `itemResult`: elements are matched by local name. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
