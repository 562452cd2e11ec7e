/** 登录: product name, username/password, error display, language switch, demo accounts. */
import { useState } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../platform/auth/AuthProvider';
import type { Locale } from '../../platform/api/types';
import { normalizeLocale } from '../../platform/i18n';
import { errorText } from '../../ui/errors';
import logo from '../../favicon.svg';
import { DemoAccounts } from './DemoAccounts';
import { usePageTitle } from '../../ui/usePageTitle';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const { login, setLocale } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(undefined);

  // On success the /login route redirects (to where the user came from) as soon as `me` is set.
  const onFinish = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  };

  return (
    <div className="zhian-login">
      <div className="zhian-login-brand">
        <img src={logo} alt="" width={56} height={56} />
        <h1>{t('app.name')}</h1>
        <div>{t('app.subtitle')}</div>
      </div>
      <Card className="zhian-login-card" variant="borderless">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('auth.welcome')}
          </Typography.Title>
          <Segmented
            size="small"
            value={normalizeLocale(i18n.language)}
            onChange={(v) => void setLocale(v as Locale)}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en-US', label: 'EN' },
            ]}
            data-testid="login-locale"
          />
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          <DemoAccounts
            onPick={(username, password) => {
              form.setFieldsValue({ username, password });
              setError(null);
            }}
          />
        </div>
      </Card>
      <div className="zhian-login-footer">{t('auth.footer')}</div>
    </div>
  );
}
