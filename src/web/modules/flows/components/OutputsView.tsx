/** A task's handed-in outputs, read-only, field by field in the order of its form. */
import { Descriptions, Image, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formFields, type FlowFile, type FlowTask, type FormField } from '../types';
import { FlowFiles } from './FlowFiles';

function fileList(value: unknown, files: Record<string, FlowFile>): FlowFile[] {
  const ids = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return ids.map((id) => files[String(id)] ?? { id: String(id), mime: 'application/octet-stream', name: String(id), url: `#`, thumbUrl: null });
}

function Value({ field, value, files }: { field: FormField; value: unknown; files: Record<string, FlowFile> }) {
  const { t } = useTranslation();
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  switch (field['x-widget']) {
    case 'photos':
    case 'files':
      return <FlowFiles files={fileList(value, files)} size={72} />;
    case 'signature': {
      const f = files[String(value)];
      return f ? (
        <Image src={f.url} alt={field.title} height={64} style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 4 }} data-testid="flow-signature" />
      ) : (
        <Typography.Text type="secondary">{t('flows.form.signed')}</Typography.Text>
      );
    }
    case 'boolean':
      return <Tag color={value ? 'green' : 'default'}>{value ? t('flows.form.yes') : t('flows.form.no')}</Tag>;
    case 'multichoice':
      return (
        <Space size={[4, 4]} wrap>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <Tag key={String(v)}>{String(v)}</Tag>
          ))}
        </Space>
      );
    case 'number':
      return (
        <span>
          {String(value)}
          {field['x-unit'] ? ` ${field['x-unit']}` : ''}
        </span>
      );
    case 'textarea':
      return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{String(value)}</Typography.Paragraph>;
    default:
      return <span>{String(value)}</span>;
  }
}

export function OutputsView({ task }: { task: FlowTask }) {
  const outputs = task.outputs ?? {};
  const props = formFields(task.form);
  // outputs the form does not (or no longer) describe are shown as plain text
  const extra = Object.keys(outputs).filter((k) => !task.form?.properties?.[k]);
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
      data-testid={`flow-task-outputs-${task.key}`}
      items={[
        ...props.map(([key, field]) => ({ key, label: field.title, children: <Value field={field} value={outputs[key]} files={task.files ?? {}} /> })),
        ...extra.map((key) => ({ key, label: key, children: <span>{JSON.stringify(outputs[key])}</span> })),
      ]}
    />
  );
}
