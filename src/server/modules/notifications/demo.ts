import type { Tx } from '../../platform/work.js';

/**
 * Demo channels, both disabled so a demo install makes no network calls: a DingTalk robot of
 * 安全环保部 (placeholder token and secret) and an SMTP server on localhost:2525 (for a local test
 * mail catcher). Enabling one after filling in real values is all it takes.
 */
export async function seedNotificationChannels(tx: Tx, tenantId: string): Promise<void> {
  const safety = await tx.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where('code', '=', 'safety').executeTakeFirst();
  await tx
    .insertInto('notification_channels')
    .values([
      {
        tenant_id: tenantId,
        kind: 'dingtalk',
        name: '安全环保部钉钉群（示例）',
        department_id: safety?.id ?? null,
        config: JSON.stringify({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=REPLACE_WITH_YOUR_TOKEN', secret: 'SEC-REPLACE-WITH-YOUR-SECRET' }),
        categories: ['warning', 'hazard'],
        enabled: false,
      },
      {
        tenant_id: tenantId,
        kind: 'email',
        name: '公司邮件服务器（示例）',
        department_id: null,
        config: JSON.stringify({ host: 'localhost', port: 2525, secure: false, from: '智安通知 <zhian@demo.zhian.local>' }),
        categories: [],
        enabled: false,
      },
    ])
    .execute();
}
