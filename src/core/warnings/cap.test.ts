import { describe, expect, it } from 'vitest';
import { parseCap, primaryInfo, type CapAlert, type CapParseResult } from './cap.js';
import { capFixture } from './test-fixtures.js';

function ok(r: CapParseResult): { alert: CapAlert; warnings: string[] } {
  if (!r.ok) throw new Error(`expected a parsed alert, got ${JSON.stringify(r.errors)}`);
  return r;
}
function errors(r: CapParseResult) {
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const paths = (r: CapParseResult) => errors(r).map((e) => e.path);

/** A minimal valid alert whose parts tests replace. */
function cap(parts: { head?: string; info?: string; area?: string; root?: string } = {}) {
  const area = parts.area ?? '<area><areaDesc>杭州市</areaDesc></area>';
  const info = parts.info ?? `<info><category>Met</category><event>暴雨</event><urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>${area}</info>`;
  const head =
    parts.head ??
    '<identifier>33010041600000_20260721143000_0</identifier><sender>33010041600000</sender><sent>2026-07-21T14:30:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>';
  return `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${head}${info}</alert>`;
}

describe('parseCap on the fixtures', () => {
  it('reads the rainstorm red alert of a city observatory', () => {
    const { alert, warnings } = ok(parseCap(capFixture('rainstorm-red-alert.xml')));
    expect(warnings).toEqual([]);
    expect(alert).toMatchObject({
      identifier: '33010041600000_20260721143000_0',
      sender: '33010041600000',
      sent: '2026-07-21T14:30:00+08:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      references: [],
      note: null,
    });
    expect(alert.infos).toHaveLength(1);
    const info = alert.infos[0];
    expect(info).toMatchObject({
      language: 'zh-CN',
      category: ['Met'],
      event: '暴雨',
      responseTypes: ['Prepare'],
      urgency: 'Immediate',
      severity: 'Extreme',
      certainty: 'Observed',
      effective: '2026-07-21T14:30:00+08:00',
      expires: '2026-07-22T14:30:00+08:00',
      senderName: '杭州市气象台',
      headline: '杭州市气象台发布暴雨红色预警信号[I级/特别严重]',
      web: 'https://example.org/warning/33010041600000_20260721143000_0',
    });
    expect(info.description).toContain('100毫米以上');
    expect(info.instruction.split('\n')).toHaveLength(3);
    // two <area> elements become two areas; a single <geocode> still becomes a list
    expect(info.areas.map((a) => a.areaDesc)).toEqual(['杭州市萧山区', '杭州市滨江区']);
    expect(info.areas[0].geocodes).toEqual([{ valueName: '行政区划代码', value: '330109' }]);
    expect(info.areas[0].polygons).toHaveLength(1);
    expect(info.areas[1].polygons).toEqual([]);
  });

  it('reads the update and the message it references', () => {
    const { alert } = ok(parseCap(capFixture('rainstorm-update.xml')));
    expect(alert.msgType).toBe('Update');
    expect(alert.references).toEqual([
      { sender: '33010041600000', identifier: '33010041600000_20260721143000_0', sent: '2026-07-21T14:30:00+08:00' },
    ]);
    expect(alert.infos[0].areas[0].geocodes.map((g) => g.value)).toEqual(['330109', '330108']);
  });

  it('reads the cancel, which references both earlier messages', () => {
    const { alert } = ok(parseCap(capFixture('rainstorm-cancel.xml')));
    expect(alert.msgType).toBe('Cancel');
    expect(alert.references.map((r) => r.identifier)).toEqual(['33010041600000_20260721143000_0', '33010041600000_20260721170000_0']);
    expect(alert.infos[0].expires).toBeNull();
    expect(alert.infos[0].instruction).toBe('');
  });

  it('reads a Test message written with cap: prefixes', () => {
    const { alert, warnings } = ok(parseCap(capFixture('test-message.xml')));
    expect(warnings).toEqual([]);
    expect(alert.status).toBe('Test');
    expect(alert.note).toBe('系统测试信息，请勿转发');
    expect(alert.infos[0].areas[0].geocodes).toEqual([{ valueName: '行政区划代码', value: '330100' }]);
  });

  it('accepts a message from an unknown sender with a non-GB identifier, with a warning', () => {
    const { alert, warnings } = ok(parseCap(capFixture('unlisted-sender.xml')));
    expect(alert.sender).toBe('alerts@weather-relay.example.net');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^alert\.identifier: not a GB\/T 35965\.1 identifier/);
  });

  it('refuses malformed XML with the line', () => {
    const e = errors(parseCap(capFixture('malformed.xml')));
    expect(e).toHaveLength(1);
    expect(e[0].path).toBe('xml');
    expect(e[0].message).toMatch(/^malformed XML: .*\(line \d+/);
  });

  it('refuses DOCTYPE and entity declarations (XXE, billion laughs)', () => {
    for (const f of ['xxe.xml', 'billion-laughs.xml']) {
      const e = errors(parseCap(capFixture(f)));
      expect(e).toEqual([{ path: 'xml', message: expect.stringMatching(/DOCTYPE and entity declarations are not allowed/) }]);
    }
    expect(paths(parseCap('<!doctype alert><alert/>'))).toEqual(['xml']);
  });
});

describe('parseCap errors', () => {
  it('names every missing required alert element', () => {
    expect(paths(parseCap(cap({ head: '<note>x</note>' })))).toEqual([
      'alert.identifier',
      'alert.sender',
      'alert.sent',
      'alert.status',
      'alert.msgType',
      'alert.scope',
    ]);
  });

  it('names missing info and area elements by index', () => {
    const bad = `<info><category>Met</category><event>暴雨</event><urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty></info><info><area><polygon>1,1 1,2 2,2 1,1</polygon></area></info>`;
    expect(paths(parseCap(cap({ info: bad })))).toEqual([
      'alert.info[1].category',
      'alert.info[1].event',
      'alert.info[1].urgency',
      'alert.info[1].severity',
      'alert.info[1].certainty',
      'alert.info[1].area[0].areaDesc',
    ]);
  });

  it('refuses values outside the CAP code lists', () => {
    const info = `<info><category>Weather</category><event>暴雨</event><urgency>Now</urgency><severity>Huge</severity><certainty>Sure</certainty><responseType>Run</responseType></info>`;
    const e = errors(parseCap(cap({ info })));
    expect(e.map((x) => x.path)).toEqual([
      'alert.info[0].category[0]',
      'alert.info[0].responseType[0]',
      'alert.info[0].urgency',
      'alert.info[0].severity',
      'alert.info[0].certainty',
    ]);
    expect(e[3].message).toBe('"Huge" is not one of Extreme, Severe, Moderate, Minor, Unknown');
    const head = '<identifier>a</identifier><sender>b</sender><sent>2026-07-21T14:30:00+08:00</sent><status>Real</status><msgType>Notice</msgType><scope>World</scope>';
    expect(paths(parseCap(cap({ head })))).toEqual(['alert.status', 'alert.msgType', 'alert.scope']);
  });

  it('forgives wrong letter case with a warning', () => {
    const head = '<identifier>33010041600000_20260721143000_0</identifier><sender>s</sender><sent>2026-07-21T14:30:00+08:00</sent><status>actual</status><msgType>ALERT</msgType><scope>Public</scope>';
    const { alert, warnings } = ok(parseCap(cap({ head })));
    expect([alert.status, alert.msgType]).toEqual(['Actual', 'Alert']);
    expect(warnings).toEqual(['alert.status: "actual" read as "Actual"', 'alert.msgType: "ALERT" read as "Alert"']);
  });

  it('wants date-times with an offset; Z and a space are read with a warning', () => {
    const head = (sent: string) =>
      `<identifier>33010041600000_20260721143000_0</identifier><sender>s</sender><sent>${sent}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>`;
    expect(errors(parseCap(cap({ head: head('2026-07-21T14:30:00') }))))
      .toEqual([{ path: 'alert.sent', message: expect.stringContaining('time zone offset') }]);
    expect(paths(parseCap(cap({ head: head('yesterday') })))).toEqual(['alert.sent']);
    expect(paths(parseCap(cap({ head: head('2026-13-45T14:30:00+08:00') })))).toEqual(['alert.sent']);
    const z = ok(parseCap(cap({ head: head('2026-07-21T06:30:00Z') })));
    expect(z.alert.sent).toBe('2026-07-21T06:30:00+00:00');
    expect(z.warnings).toHaveLength(1);
    expect(ok(parseCap(cap({ head: head('2026-07-21 14:30:00+08:00') }))).alert.sent).toBe('2026-07-21T14:30:00+08:00');
  });

  it('refuses identifiers with spaces or commas, and repeated single elements', () => {
    const head = '<identifier>a b</identifier><sender>x,y</sender><sent>2026-07-21T14:30:00+08:00</sent><status>Actual</status><status>Test</status><msgType>Alert</msgType><scope>Public</scope>';
    const e = errors(parseCap(cap({ head })));
    expect(e.map((x) => x.path)).toEqual(['alert.identifier', 'alert.sender', 'alert.status']);
    expect(e[2].message).toBe('must appear once (found 2)');
  });

  it('refuses nested elements where text is expected', () => {
    const head = '<identifier><x>1</x></identifier><sender>s</sender><sent>2026-07-21T14:30:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>';
    expect(errors(parseCap(cap({ head })))).toEqual([{ path: 'alert.identifier', message: 'must be text, not nested elements' }]);
  });

  it('refuses documents that are not a CAP alert', () => {
    expect(errors(parseCap('<feed xmlns="http://www.w3.org/2005/Atom"/>'))[0]).toEqual({ path: 'alert', message: 'root element is <feed>, expected <alert>' });
    expect(errors(parseCap('<alert xmlns="urn:example:other"/>'))[0].message).toMatch(/is not CAP 1\.2/);
    expect(paths(parseCap(''))).toEqual(['xml']);
    expect(paths(parseCap('not xml'))).toEqual(['xml']);
    expect(paths(parseCap(`${cap()}${cap()}`))).toEqual(['xml']);
    expect(paths(parseCap(`<alert>${'x'.repeat(2_000_001)}</alert>`))).toEqual(['xml']);
    const deep = `<alert>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</alert>`;
    expect(errors(parseCap(deep))).toEqual([{ path: 'xml', message: expect.stringMatching(/^unreadable XML/) }]);
  });

  it('reads CAP 1.1 and un-namespaced alerts with a warning', () => {
    const v11 = cap().replace('cap:1.2', 'cap:1.1');
    expect(ok(parseCap(v11)).warnings).toEqual([expect.stringMatching(/cap:1\.1 read as CAP 1\.2/)]);
    const bare = cap().replace(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', '');
    expect(ok(parseCap(bare)).warnings).toEqual([expect.stringMatching(/no namespace/)]);
  });
});

describe('parseCap details', () => {
  it('decodes entities and CDATA in text', () => {
    const info = `<info><category>Met</category><event>暴雨</event><urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty><description><![CDATA[雨量 > 100mm & 持续]]></description><instruction>A &amp; B &#20013;</instruction></info>`;
    const i = ok(parseCap(cap({ info }))).alert.infos[0];
    expect(i.description).toBe('雨量 > 100mm & 持续');
    expect(i.instruction).toBe('A & B 中');
  });

  it('keeps codes as strings and defaults the language to en-US', () => {
    const info = `<info><category>Met</category><event>暴雨</event><urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty><eventCode><valueName>code</valueName><value>00123</value></eventCode><parameter><valueName>n</valueName><value>1e3</value></parameter></info>`;
    const i = ok(parseCap(cap({ info }))).alert.infos[0];
    expect(i.eventCode).toEqual([{ valueName: 'code', value: '00123' }]);
    expect(i.parameters).toEqual([{ valueName: 'n', value: '1e3' }]);
    expect(i.language).toBe('en-US');
  });

  it('allows an alert without info (a bare Cancel) and warns when an Update names nothing', () => {
    const head = '<identifier>33010041600000_20260721143000_0</identifier><sender>s</sender><sent>2026-07-21T14:30:00+08:00</sent><status>Actual</status><msgType>Update</msgType><scope>Public</scope>';
    const r = ok(parseCap(cap({ head, info: '' })));
    expect(r.alert.infos).toEqual([]);
    expect(r.warnings).toEqual(['alert.references: a Update should name the message it replaces']);
  });

  it('warns about malformed references, polygons and circles without refusing the message', () => {
    const head =
      '<identifier>33010041600000_20260721143000_0</identifier><sender>s</sender><sent>2026-07-21T14:30:00+08:00</sent><status>Actual</status><msgType>Cancel</msgType><scope>Public</scope><references>s,id,2026-07-21T14:00:00+08:00 broken</references>';
    const area = '<area><areaDesc>x</areaDesc><polygon>1,1 1,2 2,2</polygon><circle>30.1,120.2 5</circle><circle>somewhere</circle></area>';
    const r = ok(parseCap(cap({ head, area })));
    expect(r.alert.references).toHaveLength(1);
    expect(r.warnings.map((w) => w.split(':')[0])).toEqual(['alert.references[1]', 'alert.info[0].area[0].polygon[0]', 'alert.info[0].area[0].circle[1]']);
  });

  it('primaryInfo prefers the Chinese block', () => {
    const block = (lang: string, event: string) =>
      `<info><language>${lang}</language><category>Met</category><event>${event}</event><urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty></info>`;
    const { alert } = ok(parseCap(cap({ info: block('en-US', 'Rainstorm') + block('zh-CN', '暴雨') })));
    expect(primaryInfo(alert)?.event).toBe('暴雨');
    expect(primaryInfo(alert, 'fr')?.event).toBe('Rainstorm');
    expect(primaryInfo({ ...alert, infos: [] })).toBeNull();
  });
});
