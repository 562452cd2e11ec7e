import { describe, expect, it } from 'vitest';
import { parseCap } from './cap.js';
import { parseFeed } from './feed.js';
import { capFixture } from './test-fixtures.js';

describe('parseFeed', () => {
  it('lifts embedded alerts out of an Atom feed and collects CAP links', () => {
    const feed = parseFeed(capFixture('feed.atom.xml'), 'https://example.org/cap/feed.xml');
    expect(feed?.links).toEqual([
      'https://example.org/cap/33010041600000_20260721143000_0.xml', // the typed link, not the HTML page
      'https://example.org/cap/33010041600000_20260721170000_0.xml', // relative, resolved against the feed
    ]);
    expect(feed?.alerts).toHaveLength(1);
    // the lifted alert keeps the cap: namespace declared on the feed and parses on its own
    const r = parseCap(feed!.alerts[0]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.warnings).toEqual([]);
    expect(r.alert.identifier).toBe('33010841600000_20260721143500_0');
    expect(r.alert.infos[0].description).toBe('预计未来24小时内滨江区将出现6级以上大风，阵风7～8级，请注意防范。');
  });

  it('drops relative links when the feed address is unknown', () => {
    expect(parseFeed(capFixture('feed.atom.xml'))?.links).toEqual(['https://example.org/cap/33010041600000_20260721143000_0.xml']);
  });

  it('returns a CAP alert as itself', () => {
    const xml = capFixture('rainstorm-red-alert.xml');
    expect(parseFeed(xml)).toEqual({ alerts: [xml.trim()], links: [] });
    expect(parseFeed(capFixture('test-message.xml'))?.alerts).toHaveLength(1);
  });

  it('reads escaped and CDATA CAP content', () => {
    const alert = capFixture('rainstorm-update.xml').replace(/^<\?xml[^>]*\?>\s*/, '');
    const escaped = alert.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="text/xml">${escaped}</content></entry><entry><content type="text/xml"><![CDATA[${alert}]]></content></entry></feed>`;
    const feed = parseFeed(atom);
    expect(feed?.alerts).toHaveLength(2);
    for (const a of feed!.alerts) expect(parseCap(a).ok).toBe(true);
  });

  it('reads RSS items: CAP enclosures, else the item link', () => {
    const rss = `<rss version="2.0"><channel><title>预警</title>
      <item><title>a</title><link>https://example.org/a.html</link><enclosure url="https://example.org/a.cap" type="application/cap+xml" length="1"/></item>
      <item><title>b</title><link> https://example.org/b.xml </link></item>
      <item><title>c</title><link>file:///etc/passwd</link></item>
      <item><title>d</title><link>javascript:alert(1)</link></item>
      <item><title>b again</title><link>https://example.org/b.xml</link></item>
    </channel></rss>`;
    expect(parseFeed(rss)).toEqual({ alerts: [], links: ['https://example.org/a.cap', 'https://example.org/b.xml'] });
  });

  it('returns null for anything that is not CAP, Atom or RSS', () => {
    expect(parseFeed('<html><body>预警</body></html>')).toBeNull();
    expect(parseFeed(capFixture('malformed.xml'))).toBeNull();
    expect(parseFeed(capFixture('xxe.xml'))).toBeNull();
    expect(parseFeed(capFixture('billion-laughs.xml'))).toBeNull();
    expect(parseFeed('')).toBeNull();
    expect(parseFeed('<feed/><feed/>')).toBeNull();
    expect(parseFeed(`<feed>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</feed>`)).toBeNull();
  });

  it('an empty feed has nothing in it', () => {
    expect(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>')).toEqual({ alerts: [], links: [] });
  });
});
