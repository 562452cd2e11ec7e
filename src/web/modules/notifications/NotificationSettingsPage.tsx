/** 通知设置: which categories also come by e-mail (one's own), and department defaults for heads. */
import { useState } from 'react';
import { Alert, App, Card, Flex, Select, Skeleton, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/States';
import { errorText } from '../../ui/errors';
import { usePageTitle } from '../../ui/usePageTitle';
import { usePreferences, useSavePreferences } from './channelsQueries';
import type { PreferenceSave } from './channelsApi';
import { PreferenceMatrix } from './components/PreferenceMatrix';

export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  usePageTitle(t('notifySettings.settingsTitle'));

  if (prefs.isError && !prefs.data) return <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />;
  if (!prefs.data) return <Skeleton active />;
  const data = prefs.data;

  const submit = (body: PreferenceSave) =>
    save.mutate(body, {
      onSuccess: () => void message.success(t('notifySettings.saved')),
      onError: (err) => void message.error(errorText(err, t)),
    });

  const dept = data.departments.find((d) => d.id === departmentId) ?? data.departments[0];
  const mine = (
    <Flex vertical gap={16}>
      {!data.email.address ? (
        <Alert type="warning" showIcon title={t('notifySettings.noEmailAddress')} />
      ) : !data.email.channelEnabled ? (
        <Alert type="info" showIcon title={t('notifySettings.noEmailChannel')} />
      ) : (
        <Typography.Text type="secondary">{t('notifySettings.emailTo', { address: data.email.address })}</Typography.Text>
      )}
      <PreferenceMatrix
        rows={data.mine}
        channels={['email']}
        saving={save.isPending}
        inheritFrom="user"
        testId="pref-mine"
        onChange={(category, channels) => submit({ scope: 'user', items: [{ category, channels }] })}
      />
    </Flex>
  );

  return (
    <Card>
      <Typography.Title level={4} className="zhian-page-title">
        {t('notifySettings.settingsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('notifySettings.settingsIntro')}</Typography.Paragraph>
      {data.departments.length === 0 ? (
        mine
      ) : (
        <Tabs
          items={[
            { key: 'mine', label: t('notifySettings.tabMine'), children: mine },
            {
              key: 'department',
              label: t('notifySettings.tabDepartment'),
              children: dept && (
                <Flex vertical gap={16}>
                  <Typography.Text type="secondary">{t('notifySettings.departmentIntro')}</Typography.Text>
                  {data.departments.length > 1 && (
                    <Select
                      value={dept.id}
                      onChange={setDepartmentId}
                      options={data.departments.map((d) => ({ value: d.id, label: d.name }))}
                      style={{ minWidth: 200 }}
                      data-testid="pref-department-select"
                    />
                  )}
                  <PreferenceMatrix
                    rows={dept.defaults}
                    channels={['email', 'robot']}
                    saving={save.isPending}
                    inheritFrom="department"
                    testId="pref-department"
                    onChange={(category, channels) => submit({ scope: 'department', departmentId: dept.id, items: [{ category, channels }] })}
                  />
                </Flex>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
