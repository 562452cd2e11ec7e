// The pure parts of the notification channels: wire formats and signatures, masking, preference resolution.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkSign, emailSubject, feishuSign, messageIdOf, robotRequest, type OutboundMessage } from '../../src/server/modules/notifications/senders.js';
import { categoryOf, Preferences } from '../../src/server/modules/notifications/categories.js';
import { maskUrl } from '../../src/server/modules/notifications/channels-service.js';
import { absolute } from '../../src/server/modules/notifications/delivery.js';

const m: OutboundMessage = { id: 'd1', title: '暴雨橙色预警', body: '请检查排水', url: 'https://zhian.example.com/warnings/1', urgent: true };
const NOW = 1_764_000_000_123;

describe('robot wire formats', () => {
  it('DingTalk: markdown, timestamp in ms and the url-encoded HmacSHA256(secret, timestamp\\nsecret) on the URL', () => {
    const { url, body } = robotRequest('dingtalk', { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECxyz' }, m, NOW);
    const u = new URL(url);
    expect(u.searchParams.get('access_token')).toBe('abc');
    expect(u.searchParams.get('timestamp')).toBe(String(NOW));
    const sign = createHmac('sha256', 'SECxyz').update(`${NOW}\nSECxyz`).digest('base64');
    expect(u.searchParams.get('sign')).toBe(sign);
    expect(url).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(dingtalkSign('SECxyz', NOW)).toBe(sign);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { title: '【紧急】暴雨橙色预警', text: expect.stringContaining('[查看详情](https://zhian.example.com/warnings/1)') } });
  });

  it('DingTalk without a secret leaves the URL as given', () => {
    expect(robotRequest('dingtalk', { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc' }, m, NOW).url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc');
  });

  it('WeCom: markdown content, no signature', () => {
    const { url, body } = robotRequest('wecom', { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }, { ...m, body: '长'.repeat(3000) }, NOW);
    expect(url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    expect(body.msgtype).toBe('markdown');
    const content = (body.markdown as { content: string }).content;
    expect(content.startsWith('#### 【紧急】暴雨橙色预警')).toBe(true);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096); // WeCom's limit
  });

  it('Feishu: text, timestamp in seconds and base64(HmacSHA256(key = timestamp\\nsecret, "")) in the body', () => {
    const { body } = robotRequest('feishu', { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 's3' }, m, NOW);
    const ts = Math.floor(NOW / 1000);
    expect(body).toEqual({
      msg_type: 'text',
      content: { text: '【紧急】暴雨橙色预警\n请检查排水\nhttps://zhian.example.com/warnings/1' },
      timestamp: String(ts),
      sign: createHmac('sha256', `${ts}\ns3`).update('').digest('base64'),
    });
    expect(feishuSign('s3', ts)).toBe(body.sign);
  });

  it('e-mail: subject and a Message-ID from the delivery id on the sender’s domain', () => {
    expect(emailSubject(m)).toBe('[智安]【紧急】暴雨橙色预警');
    expect(messageIdOf('d1', '智安通知 <zhian@corp.example.cn>')).toBe('<delivery-d1@corp.example.cn>');
    expect(messageIdOf('d1', 'no-address')).toBe('<delivery-d1@zhian.local>');
  });
});

describe('helpers', () => {
  it('masks the token of a webhook URL, in the query or the path', () => {
    expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=0123456789')).toBe('https://oapi.dingtalk.com/robot/send?access_token=0123****');
    expect(maskUrl('https://open.feishu.cn/open-apis/bot/v2/hook/aaaabbbbccccdddd')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/aaaa****');
    expect(maskUrl('not a url')).toBe('****');
  });

  it('category = kind up to the first dot', () => {
    expect(categoryOf('warning.instructed')).toBe('warning');
    expect(categoryOf('hazard.rejected.2')).toBe('hazard');
    expect(categoryOf('custom')).toBe('custom');
  });

  it('preferences: the user over the department over the default (e-mail only for warnings)', () => {
    const p = new Preferences([
      { scope: 'department', scope_id: 'D', category: 'hazard', channels: ['inapp', 'email'] },
      { scope: 'user', scope_id: 'U2', category: 'hazard', channels: ['inapp'] },
    ]);
    expect(p.user('U1', null, 'warning')).toEqual({ channels: ['inapp', 'email', 'robot'], source: 'default' });
    expect(p.user('U1', null, 'flow').channels).not.toContain('email');
    expect(p.user('U1', 'D', 'hazard')).toEqual({ channels: ['inapp', 'email'], source: 'department' });
    expect(p.user('U2', 'D', 'hazard')).toEqual({ channels: ['inapp'], source: 'user' });
  });

  it('links become absolute only when the public origin is known', () => {
    expect(absolute('https://a.example/', '/hazards/1')).toBe('https://a.example/hazards/1');
    expect(absolute('https://a.example', '/api/v1/hazards/1')).toBe('https://a.example/hazards/1');
    expect(absolute(null, '/hazards/1')).toBeNull();
    expect(absolute(null, 'https://b.example/x')).toBe('https://b.example/x');
  });
});
