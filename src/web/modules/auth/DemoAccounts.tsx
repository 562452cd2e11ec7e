import { Collapse, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export const DEMO_PASSWORD = 'zhian123';
const ACCOUNTS = ['admin', 'safety', 'production', 'equipment', 'hr', 'logistics', 'worker', 'committee'] as const;

/** The seeded demo users; clicking one fills the login form. */
export function DemoAccounts({ onPick }: { onPick: (username: string, password: string) => void }) {
  const { t } = useTranslation();
  return (
    <Collapse
      size="small"
      ghost
      data-testid="demo-accounts"
      items={[
        {
          key: 'demo',
          label: <Typography.Text type="secondary">{t('auth.demoTitle')}</Typography.Text>,
          children: (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                {t('auth.demoHint', { password: DEMO_PASSWORD })}
              </Typography.Paragraph>
              <Flex wrap gap={6}>
                {ACCOUNTS.map((u) => (
                  <Tag.CheckableTag key={u} checked={false} onChange={() => onPick(u, DEMO_PASSWORD)} data-testid={`demo-account-${u}`}>
                    <span style={{ fontFamily: 'monospace' }}>{u}</span>
                    <span style={{ opacity: 0.65 }}> · {t(`auth.demo.${u}`)}</span>
                  </Tag.CheckableTag>
                ))}
              </Flex>
            </>
          ),
        },
      ]}
    />
  );
}
