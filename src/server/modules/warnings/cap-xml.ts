/** A CAP 1.2 message as the 国家突发事件预警信息发布系统 profile writes it (GB/T 35965.1): for the demo history. */
export interface CapMessage {
  identifier: string;
  sender: string;
  sent: Date;
  status?: 'Actual' | 'Exercise' | 'Test';
  msgType: 'Alert' | 'Update' | 'Cancel';
  references?: { sender: string; identifier: string; sent: Date }[];
  note?: string;
  event: string;
  eventCode?: string;
  severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
  senderName: string;
  headline: string;
  description: string;
  instruction?: string;
  expires: Date;
  areaDesc: string;
  geocode?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** China Standard Time with its offset, as Chinese senders write `sent`. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

export function capXml(m: CapMessage): string {
  const refs = m.references?.length ? `\n  <references>${m.references.map((r) => `${r.sender},${r.identifier},${chinaTime(r.sent)}`).join(' ')}</references>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${escape(m.identifier)}</identifier>
  <sender>${escape(m.sender)}</sender>
  <sent>${chinaTime(m.sent)}</sent>
  <status>${m.status ?? 'Actual'}</status>
  <msgType>${m.msgType}</msgType>
  <scope>Public</scope>${m.note ? `\n  <note>${escape(m.note)}</note>` : ''}${refs}
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>${escape(m.event)}</event>
    <urgency>${m.msgType === 'Cancel' ? 'Past' : 'Expected'}</urgency>
    <severity>${m.severity}</severity>
    <certainty>Likely</certainty>${m.eventCode ? `\n    <eventCode><valueName>国家预警信息发布中心事件类型编码</valueName><value>${m.eventCode}</value></eventCode>` : ''}
    <effective>${chinaTime(m.sent)}</effective>
    <expires>${chinaTime(m.expires)}</expires>
    <senderName>${escape(m.senderName)}</senderName>
    <headline>${escape(m.headline)}</headline>
    <description>${escape(m.description)}</description>${m.instruction ? `\n    <instruction>${escape(m.instruction)}</instruction>` : ''}
    <area>
      <areaDesc>${escape(m.areaDesc)}</areaDesc>${m.geocode ? `\n      <geocode><valueName>行政区划代码</valueName><value>${m.geocode}</value></geocode>` : ''}
    </area>
  </info>
</alert>
`;
}
