/**
 * What a poller fetched: a CAP alert itself, or an Atom/RSS feed of alerts. CAP feeds (e.g. those
 * of national alerting authorities and WMO's alert hub) either embed each alert in an entry or link
 * to it; both are returned so the poller can parse the first and fetch the second.
 */
import {
  attrsOf,
  checkXml,
  childrenOf,
  localName,
  namespaceDecls,
  parseOrdered,
  serialize,
  tagOf,
  textOf,
  type OrderedNode,
} from './xml.js';

export interface FeedContent {
  /** Embedded CAP documents, each a standalone XML string for parseCap. */
  alerts: string[];
  /** Absolute http(s) URLs of CAP documents to fetch. */
  links: string[];
}

/** Media types that announce a CAP document behind a link or inside content. */
const CAP_TYPE = /cap\+xml|(^|\/)xml$/i;

function elements(n: OrderedNode): OrderedNode[] {
  return childrenOf(n).filter((c) => tagOf(c) !== null);
}

function named(n: OrderedNode, name: string): OrderedNode[] {
  return elements(n).filter((c) => localName(tagOf(c)!) === name);
}

/** Finds an <alert> element under a node, with the chain of ancestors it sits in (for namespaces). */
function findAlert(n: OrderedNode, ancestors: OrderedNode[]): { node: OrderedNode; ancestors: OrderedNode[] } | null {
  for (const c of elements(n)) {
    if (localName(tagOf(c)!) === 'alert') return { node: c, ancestors: [...ancestors, n] };
    const deeper = findAlert(c, [...ancestors, n]);
    if (deeper) return deeper;
  }
  return null;
}

function resolve(href: string, base: string | undefined): string | null {
  try {
    const u = base ? new URL(href, base) : new URL(href);
    // Only web links: a feed must not make the poller read file: or other local schemes.
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** One entry or item: the embedded alert if there is one, else the links to its CAP document. */
function readEntry(entry: OrderedNode, ancestors: OrderedNode[], base: string | undefined, out: FeedContent) {
  const embedded = findAlert(entry, ancestors);
  if (embedded) {
    out.alerts.push(serialize(embedded.node, namespaceDecls(embedded.ancestors)));
    return;
  }
  // Escaped or CDATA content: the text itself is the CAP document.
  for (const c of named(entry, 'content')) {
    const text = textOf(c);
    if (/^(<\?xml[^>]*\?>\s*)?<([\w.-]+:)?alert[\s>]/.test(text)) {
      out.alerts.push(text);
      return;
    }
  }
  const links: string[] = [];
  // Atom: <link type="application/cap+xml" href="…"/>; an untyped alternate link if that is all there is.
  const atom = named(entry, 'link').filter((l) => attrsOf(l)['@_href']);
  const typed = atom.filter((l) => CAP_TYPE.test(attrsOf(l)['@_type'] ?? ''));
  const untyped = atom.filter((l) => !attrsOf(l)['@_type'] && (attrsOf(l)['@_rel'] ?? 'alternate') === 'alternate');
  for (const l of typed.length ? typed : untyped) links.push(attrsOf(l)['@_href']);
  // RSS: <enclosure type="application/cap+xml" url="…"/>, else the item's <link> is the CAP document.
  const enclosures = named(entry, 'enclosure').filter((e) => CAP_TYPE.test(attrsOf(e)['@_type'] ?? '') && attrsOf(e)['@_url']);
  for (const e of enclosures) links.push(attrsOf(e)['@_url']);
  if (!atom.length && !enclosures.length) for (const l of named(entry, 'link')) links.push(textOf(l));
  for (const l of links) {
    const url = l ? resolve(l.trim(), base) : null;
    if (url && !out.links.includes(url)) out.links.push(url);
  }
}

/**
 * A CAP alert → itself; an Atom feed or RSS channel → its entries' alerts and links; anything else
 * (malformed, a DTD, an HTML page) → null. `baseUrl` (the feed's own address) resolves relative links.
 */
export function parseFeed(xml: string, baseUrl?: string): FeedContent | null {
  if (checkXml(xml).length) return null;
  let doc: OrderedNode[];
  try {
    doc = parseOrdered(xml);
  } catch {
    return null; // the parser's limits (nesting depth) were exceeded
  }
  const roots = doc.filter((n) => {
    const t = tagOf(n);
    return t !== null && !t.startsWith('?');
  });
  if (roots.length !== 1) return null;
  const root = roots[0];
  const name = localName(tagOf(root)!);
  const out: FeedContent = { alerts: [], links: [] };
  if (name === 'alert') {
    out.alerts.push(xml.trim());
    return out;
  }
  if (name === 'feed') {
    for (const e of named(root, 'entry')) readEntry(e, [root], baseUrl, out);
    return out;
  }
  if (name === 'rss' || name === 'RDF') {
    // RSS 2.0 nests items in <channel>; RSS 1.0 (RDF) puts them beside it.
    const channels = named(root, 'channel');
    const items = [...named(root, 'item'), ...channels.flatMap((c) => named(c, 'item'))];
    for (const i of items) readEntry(i, [root, ...channels], baseUrl, out);
    return out;
  }
  return null;
}
