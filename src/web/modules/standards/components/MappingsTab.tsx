/** 部门映射: each department form, how it maps onto the unified fields, and the compatibility scan. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FactorSource, FieldIssue, GradeRule, IntakeForm, IntakeMapping, RiskRule, StandardsDocument } from '../../../../core/standards';
import { formatDateTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { ErrorState } from '../../../ui/States';
import type { MappingView } from '../api';
import { useCompatibility, useMappings, useToggleMapping } from '../queries';

function useLabels(doc: StandardsDocument) {
  const { t } = useTranslation();
  const grade = (g: string) => doc.hazardGrade.levels.find((x) => x.level === g)?.label ?? g;
  const risk = (r: string) => doc.fourColours.levels.find((x) => x.level === r)?.label ?? r;
  const issue = (i: FieldIssue) => t(`standards.mappings.issue.${i.code}` as 'standards.mappings.issue.invalid_form', { defaultValue: i.message });
  return { t, grade, risk, issue };
}

/** "mapping.riskLevel.values.损坏" → "风险等级 · 损坏"; the raw path stays in the tooltip. */
function useIssueSubject() {
  const { t } = useTranslation();
  return (path: string) => {
    const parts = path.split('.');
    if (parts[0] !== 'mapping' || parts.length < 2) return null;
    const target = t(`standards.mappings.target.${parts[1]}` as 'standards.mappings.target.title', { defaultValue: parts[1] });
    const at = parts.indexOf('values');
    return at > 0 && parts[at + 1] ? `${target} · ${parts.slice(at + 1).join('.')}` : target;
  };
}

function IssueList({ issues, doc }: { issues: FieldIssue[]; doc: StandardsDocument }) {
  const { issue } = useLabels(doc);
  const subject = useIssueSubject();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="mapping-issues">
      {issues.map((i) => (
        <li key={`${i.path}:${i.message}`}>
          <Tooltip title={`${i.path}: ${i.message}`}>
            <span>
              {subject(i.path) && <Typography.Text strong>{subject(i.path)}：</Typography.Text>}
              {issue(i)}
            </span>
          </Tooltip>
        </li>
      ))}
    </ul>
  );
}

/** "停机→4，带病运行→3", in the order of the form's options (stored JSON does not keep key order). */
function table(values: Record<string, string | number>, order: string[] = [], show: (v: string) => string = String) {
  const keys = [...order.filter((o) => Object.hasOwn(values, o)), ...Object.keys(values).filter((k) => !order.includes(k))];
  return keys.map((k) => `${k}→${show(String(values[k]))}`).join('，');
}

function MappingDetail({ m, doc }: { m: MappingView; doc: StandardsDocument }) {
  const { t, grade, risk } = useLabels(doc);
  const form: IntakeForm = m.form;
  const map: IntakeMapping = m.mapping;
  const fieldLabel = (key: string) => form.fields.find((f) => f.key === key)?.label ?? key;
  const optionsOf = (key: string) => form.fields.find((f) => f.key === key)?.options ?? [];
  const factor = (src: FactorSource) =>
    'value' in src ? String(src.value) : src.values ? `${fieldLabel(src.field)}（${table(src.values, optionsOf(src.field))}）` : fieldLabel(src.field);
  const gradeText = (g: GradeRule) =>
    g.from === 'map'
      ? `${t('standards.mappings.fromMap', { field: fieldLabel(g.field) })}：${table(g.values, optionsOf(g.field), grade)}`
      : g.from === 'rule'
        ? t('standards.mappings.fromRule', { deaths: factor(g.potentialDeaths), loss: factor(g.directLossYuan) })
        : t('standards.mappings.fromConstant', { value: grade(g.value) });
  const riskText = (r: RiskRule) =>
    r.from === 'map'
      ? `${t('standards.mappings.fromMap', { field: fieldLabel(r.field) })}：${table(r.values, optionsOf(r.field), risk)}`
      : r.from === 'ls'
        ? t('standards.mappings.fromLs', { l: factor(r.l), s: factor(r.s) })
        : t('standards.mappings.fromLec', { l: factor(r.l), e: factor(r.e), c: factor(r.c) });

  const rules: { key: string; label: string; text: string }[] = [
    { key: 'title', label: t('standards.mappings.target.title'), text: fieldLabel(map.title.field) },
    ...(map.description ? [{ key: 'description', label: t('standards.mappings.target.description'), text: fieldLabel(map.description.field) }] : []),
    ...(map.area ? [{ key: 'area', label: t('standards.mappings.target.area'), text: fieldLabel(map.area.field) }] : []),
    ...(map.equipment ? [{ key: 'equipment', label: t('standards.mappings.target.equipment'), text: fieldLabel(map.equipment.field) }] : []),
    ...(map.grade ? [{ key: 'grade', label: t('standards.mappings.target.grade'), text: gradeText(map.grade) }] : []),
    ...(map.riskLevel ? [{ key: 'riskLevel', label: t('standards.mappings.target.riskLevel'), text: riskText(map.riskLevel) }] : []),
  ];

  return (
    <Flex gap={24} wrap align="flex-start" data-testid={`mapping-detail-${m.id}`}>
      <div style={{ flex: '1 1 320px', minWidth: 0 }}>
        <Typography.Text strong>{t('standards.mappings.fields')}</Typography.Text>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={form.fields}
          style={{ marginTop: 8 }}
          columns={[
            {
              title: t('standards.mappings.field'),
              key: 'label',
              render: (_, f) => (
                <span>
                  {f.label}
                  {f.required && <Typography.Text type="danger"> *</Typography.Text>}
                </span>
              ),
            },
            { title: t('standards.mappings.type'), key: 'type', width: 100, render: (_, f) => <Tag>{t(`standards.mappings.fieldType.${f.type}` as 'standards.mappings.fieldType.text')}</Tag> },
            { title: t('standards.mappings.options'), key: 'options', render: (_, f) => <Typography.Text type="secondary">{(f.options ?? []).join(' / ')}</Typography.Text> },
          ]}
        />
      </div>
      <div style={{ flex: '1 1 380px', minWidth: 0 }}>
        <Typography.Text strong>{t('standards.mappings.rules')}</Typography.Text>
        <Descriptions size="small" bordered column={1} style={{ marginTop: 8 }} items={rules.map((r) => ({ key: r.key, label: r.label, children: r.text }))} />
        {m.issues.length > 0 && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('standards.mappings.issues')} description={<IssueList issues={m.issues} doc={doc} />} />
        )}
      </div>
    </Flex>
  );
}

export function MappingsTab({ doc, canManage }: { doc: StandardsDocument; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mappings = useMappings();
  const scan = useCompatibility(canManage);
  const toggle = useToggleMapping();

  if (mappings.isError) return <ErrorState error={mappings.error} onRetry={() => void mappings.refetch()} />;
  const report = scan.data;
  const enabled = (mappings.data?.items ?? []).filter((m) => m.enabled).length;

  return (
    <Flex vertical gap={16} data-testid="standards-mappings">
      <Typography.Text type="secondary">{t('standards.mappings.intro')}</Typography.Text>
      {report && (
        <Alert
          data-testid="compatibility-summary"
          data-broken={report.broken}
          type={report.broken ? 'error' : 'success'}
          showIcon
          title={
            report.broken
              ? t('standards.mappings.broken', { count: report.broken, version: report.standardsVersion })
              : t('standards.mappings.allOk', { count: enabled, version: report.standardsVersion })
          }
          description={
            report.broken ? (
              <Flex vertical gap={4}>
                {report.items
                  .filter((i) => !i.compatible)
                  .map((i) => (
                    <div key={i.mappingId}>
                      <Typography.Text strong>
                        {i.department.name} · {i.name}
                      </Typography.Text>
                      <IssueList issues={i.issues} doc={doc} />
                    </div>
                  ))}
              </Flex>
            ) : undefined
          }
          action={
            <Flex vertical align="end" gap={4}>
              <Button size="small" icon={<ReloadOutlined />} loading={scan.isFetching} onClick={() => void scan.refetch()}>
                {t('standards.mappings.rescan')}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('standards.mappings.checkedAt', { time: formatDateTime(report.checkedAt) })}
              </Typography.Text>
            </Flex>
          }
        />
      )}
      <Table<MappingView>
        rowKey="id"
        loading={mappings.isLoading}
        dataSource={mappings.data?.items ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (m) => <MappingDetail m={m} doc={doc} />, expandRowByClick: true }}
        onRow={(m) => ({ 'data-testid': 'mapping-row', 'data-compatible': String(m.compatible) }) as object}
        columns={[
          {
            title: t('standards.mappings.name'),
            key: 'name',
            render: (_, m) => (
              <Flex vertical>
                <Typography.Text strong>{m.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.description}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('standards.mappings.department'), key: 'department', width: 120, render: (_, m) => m.department.name },
          {
            title: t('standards.mappings.savedAgainst'),
            key: 'version',
            width: 110,
            render: (_, m) => t('standards.versionN', { version: m.standardsVersion }),
          },
          {
            title: t('standards.mappings.status'),
            key: 'status',
            width: 150,
            render: (_, m) =>
              m.compatible ? (
                <Tag color="success">{t('standards.mappings.compatible')}</Tag>
              ) : (
                <Tag color="error" data-testid="mapping-incompatible">
                  {t('standards.mappings.incompatible', { count: m.issues.length })}
                </Tag>
              ),
          },
          {
            title: t('standards.mappings.enabled'),
            key: 'enabled',
            width: 130,
            render: (_, m) => (
              <span onClick={(e) => e.stopPropagation()}>
                <Switch
                  size="small"
                  checked={m.enabled}
                  disabled={!canManage}
                  loading={toggle.isPending && toggle.variables?.id === m.id}
                  checkedChildren={t('standards.mappings.on')}
                  unCheckedChildren={t('standards.mappings.off')}
                  onChange={(enabled) =>
                    toggle.mutate({ id: m.id, version: m.version, enabled }, { onError: (err) => message.error(errorText(err, t)) })
                  }
                />
              </span>
            ),
          },
        ]}
      />
    </Flex>
  );
}
