/**
 * CAP 1.2 (OASIS Common Alerting Protocol, ITU-T X.1303) as profiled by GB/T 35965.1-2018
 * 应急信息交互协议 第1部分：预警信息. Pure: text in, a typed alert or a list of errors with paths
 * (alert.info[0].severity) out. Problems a receiver can live with (a non-GB identifier, a "Z" time
 * zone, a malformed polygon) become warnings so real-world messages are not lost over trivia.
 */
import { checkGbIdentifier } from './identifier.js';
import { checkXml, localName, many, namespaceOf, parseTree, type XmlIssue } from './xml.js';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
/** Earlier versions share the element names we read; accepted with a warning. */
const OLDER_NAMESPACES = ['urn:oasis:names:tc:emergency:cap:1.1', 'http://www.incident.com/cap/1.0'];

// Value lists: CAP 1.2 §3.2; GB/T 35965.1-2018 Annex A uses the same codes.
export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];

export interface CapValuePair {
  valueName: string;
  value: string;
}

export interface CapArea {
  areaDesc: string;
  polygons: string[];
  circles: string[];
  geocodes: CapValuePair[];
}

export interface CapInfo {
  language: string;
  category: string[];
  event: string;
  responseTypes: string[];
  eventCode: CapValuePair[];
  urgency: string;
  severity: string;
  certainty: string;
  audience: string | null;
  effective: string | null;
  onset: string | null;
  expires: string | null;
  senderName: string | null;
  headline: string;
  description: string;
  instruction: string;
  web: string | null;
  contact: string | null;
  parameters: CapValuePair[];
  areas: CapArea[];
}

export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

export interface CapAlert {
  identifier: string;
  sender: string;
  /** ISO 8601 with offset, as sent (a "Z" is rewritten to +00:00). */
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  scope: CapScope;
  source: string | null;
  restriction: string | null;
  addresses: string | null;
  codes: string[];
  note: string | null;
  references: CapReference[];
  incidents: string | null;
  infos: CapInfo[];
}

export type CapParseResult = { ok: true; alert: CapAlert; warnings: string[] } | { ok: false; errors: XmlIssue[] };

/** Reads a document's elements by local name, collecting errors and warnings as it goes. */
class Reader {
  errors: XmlIssue[] = [];
  warnings: string[] = [];

  error(path: string, message: string) {
    this.errors.push({ path, message });
  }
  warn(path: string, message: string) {
    this.warnings.push(`${path}: ${message}`);
  }

  /** Children of an element by local name; cap:info and info are the same element. */
  children(node: unknown): Map<string, unknown[]> {
    const out = new Map<string, unknown[]>();
    if (!node || typeof node !== 'object') return out;
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('@_') || k === '#text') continue;
      const name = localName(k);
      out.set(name, [...(out.get(name) ?? []), ...many(v)]);
    }
    return out;
  }

  text(v: unknown, path: string): string | null {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (v && typeof v === 'object') {
      const keys = Object.keys(v).filter((k) => !k.startsWith('@_'));
      if (keys.length === 0) return '';
      if (keys.length === 1 && keys[0] === '#text') return String((v as Record<string, unknown>)['#text']);
    }
    this.error(path, 'must be text, not nested elements');
    return null;
  }

  one(kids: Map<string, unknown[]>, name: string, path: string, required: boolean): string | null {
    const vs = kids.get(name) ?? [];
    const at = `${path}.${name}`;
    if (vs.length > 1) {
      this.error(at, `must appear once (found ${vs.length})`);
      return null;
    }
    if (vs.length === 0) {
      if (required) this.error(at, 'is required');
      return null;
    }
    const t = this.text(vs[0], at);
    if (t === null) return null;
    if (t === '') {
      if (required) this.error(at, 'must not be empty');
      return null;
    }
    return t;
  }

  list(kids: Map<string, unknown[]>, name: string, path: string): string[] {
    return (kids.get(name) ?? []).flatMap((v, i) => {
      const t = this.text(v, `${path}.${name}[${i}]`);
      return t ? [t] : [];
    });
  }

  /** One of the allowed codes. Wrong letter case is forgiven with a warning; anything else is an error. */
  enumOf<T extends string>(value: string | null, allowed: readonly T[], path: string): T | null {
    if (value === null) return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    const fixed = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (fixed) {
      this.warn(path, `"${value}" read as "${fixed}"`);
      return fixed;
    }
    this.error(path, `"${value}" is not one of ${allowed.join(', ')}`);
    return null;
  }

  /**
   * CAP dateTime: 2026-07-21T14:30:00+08:00. CAP 1.2 forbids "Z"; it and a space instead of "T"
   * (seen in GB/T 35965.1 Annex A's extended format) are accepted with a warning.
   */
  dateTime(value: string | null, path: string): string | null {
    if (value === null) return null;
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/.exec(value);
    if (!m || !m[3]) {
      this.error(path, `"${value}" is not a date-time with a time zone offset like 2026-07-21T14:30:00+08:00`);
      return null;
    }
    const out = `${m[1]}T${m[2]}${m[3] === 'Z' ? '+00:00' : m[3]}`;
    if (Number.isNaN(Date.parse(out))) {
      this.error(path, `"${value}" is not a valid date-time`);
      return null;
    }
    if (out !== value) this.warn(path, `"${value}" read as "${out}"`);
    return out;
  }

  pairs(kids: Map<string, unknown[]>, name: string, path: string): CapValuePair[] {
    return (kids.get(name) ?? []).flatMap((v, i) => {
      const at = `${path}.${name}[${i}]`;
      const k = this.children(v);
      const valueName = this.one(k, 'valueName', at, true);
      const value = this.one(k, 'value', at, false) ?? '';
      return valueName === null ? [] : [{ valueName, value }];
    });
  }
}

/** CAP forbids spaces, commas and the XML specials in identifiers and senders (they are joined in references). */
const RESTRICTED = /[\s,<&]/;

function parseReferences(r: Reader, raw: string | null, path: string): CapReference[] {
  if (!raw) return [];
  return raw.split(/\s+/).flatMap((triple, i) => {
    const parts = triple.split(',');
    if (parts.length !== 3 || parts.some((p) => p === '')) {
      r.warn(`${path}[${i}]`, `"${triple}" is not sender,identifier,sent; ignored`);
      return [];
    }
    return [{ sender: parts[0], identifier: parts[1], sent: parts[2] }];
  });
}

/** Polygon: at least four "lat,lon" pairs, closed (CAP 1.2 §3.2.4). Circle: "lat,lon radius-km". */
const PAIR = /^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/;
function checkShapes(r: Reader, polygons: string[], circles: string[], path: string) {
  polygons.forEach((p, i) => {
    const pts = p.trim().split(/\s+/);
    if (pts.length < 4 || !pts.every((x) => PAIR.test(x)) || pts[0] !== pts[pts.length - 1]) {
      r.warn(`${path}.polygon[${i}]`, 'not a closed ring of at least four lat,lon pairs');
    }
  });
  circles.forEach((c, i) => {
    const [centre, radius, ...rest] = c.trim().split(/\s+/);
    if (!PAIR.test(centre ?? '') || !/^\d+(\.\d+)?$/.test(radius ?? '') || rest.length) {
      r.warn(`${path}.circle[${i}]`, 'not "lat,lon radius"');
    }
  });
}

function parseArea(r: Reader, node: unknown, path: string): CapArea {
  const k = r.children(node);
  const polygons = r.list(k, 'polygon', path);
  const circles = r.list(k, 'circle', path);
  checkShapes(r, polygons, circles, path);
  return { areaDesc: r.one(k, 'areaDesc', path, true) ?? '', polygons, circles, geocodes: r.pairs(k, 'geocode', path) };
}

/** Fields are read in CAP's element order so errors come out in document order. */
function parseInfo(r: Reader, node: unknown, path: string): CapInfo {
  const k = r.children(node);
  const language = r.one(k, 'language', path, false) ?? 'en-US'; // CAP 1.2's default
  const category = r.list(k, 'category', path);
  if (category.length === 0) r.error(`${path}.category`, 'is required');
  const categories = category.map((c, i) => r.enumOf(c, CAP_CATEGORIES, `${path}.category[${i}]`) ?? c);
  const event = r.one(k, 'event', path, true) ?? '';
  const responseTypes = r.list(k, 'responseType', path);
  responseTypes.forEach((c, i) => r.enumOf(c, CAP_RESPONSE_TYPES, `${path}.responseType[${i}]`));
  const urgency = r.enumOf(r.one(k, 'urgency', path, true), CAP_URGENCIES, `${path}.urgency`) ?? '';
  const severity = r.enumOf(r.one(k, 'severity', path, true), CAP_SEVERITIES, `${path}.severity`) ?? '';
  let certaintyText = r.one(k, 'certainty', path, true);
  // CAP 1.0's "Very Likely" was folded into "Likely" by CAP 1.1.
  if (certaintyText === 'Very Likely') {
    r.warn(`${path}.certainty`, '"Very Likely" read as "Likely"');
    certaintyText = 'Likely';
  }
  const certainty = r.enumOf(certaintyText, CAP_CERTAINTIES, `${path}.certainty`) ?? '';
  const audience = r.one(k, 'audience', path, false);
  const eventCode = r.pairs(k, 'eventCode', path);
  const effective = r.dateTime(r.one(k, 'effective', path, false), `${path}.effective`);
  const onset = r.dateTime(r.one(k, 'onset', path, false), `${path}.onset`);
  const expires = r.dateTime(r.one(k, 'expires', path, false), `${path}.expires`);
  if (effective && expires && Date.parse(expires) <= Date.parse(effective)) r.warn(`${path}.expires`, 'is not after effective');
  return {
    language,
    category: categories,
    event,
    responseTypes,
    eventCode,
    urgency,
    severity,
    certainty,
    audience,
    effective,
    onset,
    expires,
    senderName: r.one(k, 'senderName', path, false),
    headline: r.one(k, 'headline', path, false) ?? '',
    description: r.one(k, 'description', path, false) ?? '',
    instruction: r.one(k, 'instruction', path, false) ?? '',
    web: r.one(k, 'web', path, false),
    contact: r.one(k, 'contact', path, false),
    parameters: r.pairs(k, 'parameter', path),
    areas: (k.get('area') ?? []).map((a, i) => parseArea(r, a, `${path}.area[${i}]`)),
  };
}

function parseAlert(r: Reader, node: unknown): CapAlert | null {
  const p = 'alert';
  const k = r.children(node);
  const identifier = r.one(k, 'identifier', p, true);
  const sender = r.one(k, 'sender', p, true);
  for (const [name, v] of [['identifier', identifier], ['sender', sender]] as const) {
    if (v && RESTRICTED.test(v)) r.error(`${p}.${name}`, 'must not contain spaces, commas, < or &');
  }
  if (identifier && !RESTRICTED.test(identifier)) {
    const gb = checkGbIdentifier(identifier);
    if (!gb.ok) r.warn(`${p}.identifier`, `not a GB/T 35965.1 identifier (${gb.message})`);
  }
  const sent = r.dateTime(r.one(k, 'sent', p, true), `${p}.sent`);
  const status = r.enumOf(r.one(k, 'status', p, true), CAP_STATUSES, `${p}.status`);
  const msgType = r.enumOf(r.one(k, 'msgType', p, true), CAP_MSG_TYPES, `${p}.msgType`);
  const scope = r.enumOf(r.one(k, 'scope', p, true), CAP_SCOPES, `${p}.scope`);
  const restriction = r.one(k, 'restriction', p, false);
  const addresses = r.one(k, 'addresses', p, false);
  if (scope === 'Restricted' && !restriction) r.warn(`${p}.restriction`, 'expected with scope Restricted');
  if (scope === 'Private' && !addresses) r.warn(`${p}.addresses`, 'expected with scope Private');
  const references = parseReferences(r, r.one(k, 'references', p, false), `${p}.references`);
  if ((msgType === 'Update' || msgType === 'Cancel') && references.length === 0) {
    r.warn(`${p}.references`, `a ${msgType} should name the message it replaces`);
  }
  const infos = (k.get('info') ?? []).map((n, i) => parseInfo(r, n, `${p}.info[${i}]`));
  if (r.errors.length) return null;
  return {
    identifier: identifier!,
    sender: sender!,
    sent: sent!,
    status: status!,
    msgType: msgType!,
    scope: scope!,
    source: r.one(k, 'source', p, false),
    restriction,
    addresses,
    codes: r.list(k, 'code', p),
    note: r.one(k, 'note', p, false),
    references,
    incidents: r.one(k, 'incidents', p, false),
    infos,
  };
}

export function parseCap(xml: string): CapParseResult {
  const xmlErrors = checkXml(xml);
  if (xmlErrors.length) return { ok: false, errors: xmlErrors };
  let tree: Record<string, unknown>;
  try {
    tree = parseTree(xml);
  } catch (e) {
    // The parser's own limits (nesting depth, entity expansion) end here rather than in the caller.
    return { ok: false, errors: [{ path: 'xml', message: `unreadable XML: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const roots = Object.keys(tree).filter((k) => !k.startsWith('?') && !k.startsWith('@_') && k !== '#text');
  const rootValues = roots.flatMap((k) => many(tree[k]));
  if (rootValues.length !== 1) return { ok: false, errors: [{ path: 'xml', message: `expected one root element (found ${rootValues.length})` }] };
  const rootName = roots[0];
  if (localName(rootName) !== 'alert') return { ok: false, errors: [{ path: 'alert', message: `root element is <${rootName}>, expected <alert>` }] };
  const r = new Reader();
  const node = rootValues[0];
  const ns = node && typeof node === 'object' ? namespaceOf(rootName, node as Record<string, unknown>) : null;
  if (ns === null) r.warn('alert', `no namespace; read as CAP 1.2 (${CAP_NAMESPACE})`);
  else if (OLDER_NAMESPACES.includes(ns)) r.warn('alert', `namespace ${ns} read as CAP 1.2`);
  else if (ns !== CAP_NAMESPACE) return { ok: false, errors: [{ path: 'alert', message: `namespace ${ns} is not CAP 1.2 (${CAP_NAMESPACE})` }] };
  const alert = parseAlert(r, node);
  return alert ? { ok: true, alert, warnings: r.warnings } : { ok: false, errors: r.errors };
}

/** The info block to act on: the first in Chinese (GB/T 35965.1 messages may carry an English copy), else the first. */
export function primaryInfo(alert: CapAlert, languagePrefix = 'zh'): CapInfo | null {
  return alert.infos.find((i) => i.language.toLowerCase().startsWith(languagePrefix)) ?? alert.infos[0] ?? null;
}

/** The text of a named parameter or event code ("颜色", "level", …), first match wins. */
export function valueOf(pairs: CapValuePair[], ...names: string[]): string | null {
  const wanted = names.map((n) => n.toLowerCase());
  return pairs.find((p) => wanted.includes(p.valueName.toLowerCase()))?.value ?? null;
}
