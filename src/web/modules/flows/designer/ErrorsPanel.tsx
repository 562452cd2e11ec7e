/** The live list of what keeps the template from being saved; a click shows the element. */
import { CheckCircleFilled, CloseCircleFilled, DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageText, whereText, type Located } from './issues';
import type { DesignerDoc } from './model';

export function ErrorsPanel({
  issues,
  doc,
  onPick,
  serverCount,
  readOnly,
}: {
  issues: Located[];
  doc: DesignerDoc;
  onPick: (i: Located) => void;
  serverCount: number;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);
  const ok = issues.length === 0;
  return (
    <div className={`fd-errors ${ok ? 'is-ok' : 'is-bad'}`} data-testid="designer-errors" data-count={issues.length}>
      <Flex className="fd-errors-head" justify="space-between" align="center" onClick={() => !ok && setCollapsed((c) => !c)}>
        <Flex gap={8} align="center">
          {ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
          <Typography.Text strong>{ok ? t(readOnly ? 'flowDesigner.errors.okReadOnly' : 'flowDesigner.errors.ok') : t('flowDesigner.errors.title', { count: issues.length })}</Typography.Text>
          {serverCount > 0 && <Typography.Text type="danger">{t('flowDesigner.errors.fromServer', { count: serverCount })}</Typography.Text>}
        </Flex>
        {!ok && <Button size="small" type="text" icon={collapsed ? <UpOutlined /> : <DownOutlined />} aria-label={t('flowDesigner.errors.toggle')} />}
      </Flex>
      {!ok && !collapsed && (
        <ul className="fd-errors-list">
          {issues.map((i) => (
            <li key={i.key}>
              <button type="button" onClick={() => onPick(i)} data-testid="designer-error" data-path={i.path}>
                <span className="fd-errors-where">{whereText(i, doc, t)}</span>
                <span className="fd-errors-msg">{messageText(i.message, t)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
