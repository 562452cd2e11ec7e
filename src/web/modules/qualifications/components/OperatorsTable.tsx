/** Operators of one piece of equipment with their certificates; missing and expired in red. */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Flex, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CertificateView, OperatorView } from '../api';

const RED = '#cf1322';

function Certificate({ c }: { c: CertificateView }) {
  const { t } = useTranslation();
  const color = c.status === 'expired' ? RED : c.status === 'expiring' ? '#d46b08' : undefined;
  return (
    <div data-testid="qualification-cert" data-status={c.status} data-type={c.type} style={{ lineHeight: 1.6 }}>
      <Tooltip title={`${c.name}${c.issuedBy ? ` · ${c.issuedBy}` : ''}`}>
        <Typography.Text strong={c.required} style={{ color }}>
          {c.short}
        </Typography.Text>
      </Tooltip>{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={false}>
        {c.certNo}
      </Typography.Text>{' '}
      <Typography.Text style={{ fontSize: 12, color }}>
        {t('qualifications.cert.until', { date: c.expiresOn })}
      </Typography.Text>{' '}
      {c.status === 'expired' && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('qualifications.cert.expired')}
        </Tag>
      )}
      {c.status === 'expiring' && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('qualifications.cert.expiring')}
        </Tag>
      )}
    </div>
  );
}

export function OperatorsTable({ operators, compact = false }: { operators: OperatorView[]; compact?: boolean }) {
  const { t } = useTranslation();
  const columns: TableProps<OperatorView>['columns'] = [
    {
      key: 'name',
      title: t('qualifications.field.operator'),
      width: compact ? undefined : 170,
      render: (_, o) => (
        <div>
          <Typography.Text strong>{o.user.displayName}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[o.user.employeeNo, o.user.position].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'certificates',
      title: t('qualifications.field.certificates'),
      render: (_, o) => (
        <Flex vertical gap={2}>
          {o.certificates.map((c) => (
            <Certificate key={`${c.type}-${c.certNo}`} c={c} />
          ))}
          {o.missing.map((m) => (
            <div key={m.type} data-testid="qualification-missing" data-type={m.type}>
              <Tooltip title={m.basis}>
                <Typography.Text style={{ color: RED }} strong>
                  {t('qualifications.missing', { name: m.short })}
                </Typography.Text>
              </Tooltip>
            </div>
          ))}
          {!o.certificates.length && !o.missing.length && <Typography.Text type="secondary">{t('qualifications.noCertificates')}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'verdict',
      title: t('qualifications.field.verdict'),
      width: 96,
      render: (_, o) =>
        o.qualified ? (
          <Tag icon={<CheckCircleFilled />} color="success" data-testid="operator-verdict" data-qualified="true">
            {t('qualifications.qualified')}
          </Tag>
        ) : (
          <Tag icon={<CloseCircleFilled />} color="error" data-testid="operator-verdict" data-qualified="false">
            {t('qualifications.unqualified')}
          </Tag>
        ),
    },
  ];
  return (
    <Table<OperatorView>
      rowKey={(o) => o.user.id}
      size="small"
      columns={columns}
      dataSource={operators}
      pagination={false}
      locale={{ emptyText: t('qualifications.noOperators') }}
      onRow={(o) => ({ 'data-testid': 'qualification-operator', 'data-qualified': String(o.qualified), style: o.qualified ? undefined : { background: '#fff1f0' } }) as object}
    />
  );
}
