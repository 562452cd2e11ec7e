/**
 * The one way this library reads XML from outside: size cap, no DTDs, well-formedness, one root.
 * CAP arrives over the network from parties we only partly trust, so the checks run before any
 * parsing builds a tree.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlIssue {
  path: string;
  message: string;
}

/** Real CAP messages are a few kilobytes; feeds a few hundred. Anything far larger is refused unread. */
export const MAX_XML_CHARS = 2_000_000;

/**
 * A DTD can declare external entities (XXE: reading files or URLs) or nested entities that expand
 * exponentially ("billion laughs"). CAP and Atom never need one, so any declaration is refused.
 */
const DTD = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)\b/i;

export function checkXml(xml: string): XmlIssue[] {
  if (typeof xml !== 'string' || xml.trim() === '') return [{ path: 'xml', message: 'empty document' }];
  if (xml.length > MAX_XML_CHARS) return [{ path: 'xml', message: `document larger than ${MAX_XML_CHARS} characters` }];
  if (DTD.test(xml)) {
    return [{ path: 'xml', message: 'DOCTYPE and entity declarations are not allowed (external entities / entity expansion)' }];
  }
  const v = XMLValidator.validate(xml);
  if (v !== true) {
    const at = v.err.line ? ` (line ${v.err.line}${v.err.col ? `, column ${v.err.col}` : ''})` : '';
    return [{ path: 'xml', message: `malformed XML: ${v.err.msg}${at}` }];
  }
  return [];
}

const common = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false, // identifiers like 00012 and codes like 11B03 must stay strings
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true, // decodes numeric references such as &#20013; besides the five XML entities
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const;

/** Object tree: repeated elements become arrays, single ones are not; callers normalise with `many`. */
export function parseTree(xml: string): Record<string, unknown> {
  return new XMLParser(common).parse(xml) as Record<string, unknown>;
}

/** Ordered tree ({ tag: children[], ':@': attributes }), used where a subtree must be written back out. */
export type OrderedNode = Record<string, unknown>;
export function parseOrdered(xml: string): OrderedNode[] {
  return new XMLParser({ ...common, preserveOrder: true, trimValues: false }).parse(xml) as OrderedNode[];
}

/** Element names without their namespace prefix: cap:alert and alert are the same element. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export function many<T>(v: T | T[] | undefined | null): T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The namespace URI bound to an element's prefix (or the default namespace), from its own attributes. */
export function namespaceOf(name: string, attrs: Record<string, unknown>): string | null {
  const i = name.indexOf(':');
  const key = i < 0 ? '@_xmlns' : `@_xmlns:${name.slice(0, i)}`;
  const v = attrs[key];
  return typeof v === 'string' ? v : null;
}

// ---- ordered-tree helpers -------------------------------------------------------------------

export function tagOf(n: OrderedNode): string | null {
  for (const k of Object.keys(n)) if (k !== ':@' && k !== '#text') return k;
  return null;
}

export function childrenOf(n: OrderedNode): OrderedNode[] {
  const t = tagOf(n);
  return t ? ((n[t] as OrderedNode[]) ?? []) : [];
}

export function attrsOf(n: OrderedNode): Record<string, string> {
  return (n[':@'] as Record<string, string>) ?? {};
}

export function textOf(n: OrderedNode): string {
  return childrenOf(n)
    .map((c) => (typeof c['#text'] === 'string' ? c['#text'] : tagOf(c) ? textOf(c) : ''))
    .join('')
    .trim();
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => esc(s).replace(/"/g, '&quot;');

/**
 * Writes an element back out as XML. Namespace declarations of ancestors are passed in so an
 * embedded <cap:alert> lifted out of a feed stays a valid namespaced document on its own.
 */
export function serialize(n: OrderedNode, inherited: Record<string, string> = {}): string {
  const tag = tagOf(n);
  if (!tag) return typeof n['#text'] === 'string' ? esc(n['#text']) : '';
  const own = attrsOf(n);
  const attrs: Record<string, string> = { ...inherited, ...own };
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k.slice(2)}="${escAttr(String(v))}"`)
    .join('');
  const inner = childrenOf(n)
    .map((c) => serialize(c))
    .join('');
  return `<${tag}${a}>${inner}</${tag}>`;
}

/** xmlns declarations in scope at a node, collected from its ancestors (nearest wins). */
export function namespaceDecls(ancestors: OrderedNode[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of ancestors) {
    for (const [k, v] of Object.entries(attrsOf(a))) if (k === '@_xmlns' || k.startsWith('@_xmlns:')) out[k] = v;
  }
  return out;
}
