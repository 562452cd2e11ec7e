/**
 * 发起协同: pick a template (the server suggests one for a hazard), name the case, adjust which
 * department does each task and its deadline, fill the case's data, launch. One Idempotency-Key
 * per opening, so a retried click cannot start two cases. Success opens the case board.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Empty, Flex, Form, Input, InputNumber, Modal, Select, Skeleton, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError, uuid } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import { useFlowDepartments, useFlowTemplates, useLaunchCase, useTemplateSuggestion } from '../queries';
import type { FlowDepartment, FlowTemplate, SubjectType, TemplateStep } from '../types';
import { cleanData, DataFields, dataFor } from './DataFields';

export interface LaunchSubject {
  type: Exclude<SubjectType, 'none'>;
  id: string;
  /** Shown in the dialog's title, e.g. the hazard's code. */
  label?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  subject: LaunchSubject | null;
}

interface Values {
  templateId?: string;
  title?: string;
  data?: Record<string, unknown>;
  tasks?: Record<string, { departmentId?: string; deadlineHours?: number | null }>;
}

const hoursOf = (s: TemplateStep) => ('hours' in s.deadline ? s.deadline.hours : s.deadline.workingHours);
const working = (s: TemplateStep) => 'workingHours' in s.deadline;

function defaultsFor(template: FlowTemplate, departments: FlowDepartment[]): NonNullable<Values['tasks']> {
  return Object.fromEntries(
    template.steps.map((s) => [s.id, { departmentId: s.departmentId ?? departments.find((d) => d.code === s.departmentCode)?.id, deadlineHours: hoursOf(s) }]),
  );
}

export function LaunchDialog({ open, onClose, subject }: Props) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const subjectType: SubjectType = subject?.type ?? 'none';
  const templates = useFlowTemplates(open);
  const departments = useFlowDepartments(open);
  const suggestion = useTemplateSuggestion(subjectType, subject?.id, open);
  const launch = useLaunchCase();
  const [key, setKey] = useState(uuid);
  const templateId = Form.useWatch('templateId', form);
  const titleTouched = useRef(false);
  const prefilled = useRef(false);

  const candidates = useMemo(
    () => (templates.data ?? []).filter((x) => x.active !== false && (x.subjectTypes ?? []).includes(subjectType)),
    [templates.data, subjectType],
  );
  const template = useMemo(
    () => (templates.data ?? []).find((x) => x.id === templateId) ?? (suggestion.data?.template && suggestion.data.template.id === templateId ? suggestion.data.template : undefined),
    [templates.data, suggestion.data, templateId],
  );
  const suggestedId = suggestion.data?.template?.id;

  // A fresh key and form per opening.
  useEffect(() => {
    if (!open) return;
    setKey(uuid());
    form.resetFields();
    titleTouched.current = false;
    prefilled.current = false;
  }, [open, form]);

  // The server's suggestion, once it (and the reference data) is there.
  const ready = !!templates.data && !!departments.data && (subjectType === 'none' || !suggestion.isPending || suggestion.isError);
  useEffect(() => {
    if (!open || !ready || prefilled.current) return;
    prefilled.current = true;
    const s = suggestion.data;
    const first = s?.template ?? (candidates.length === 1 ? candidates[0] : undefined);
    form.setFieldsValue({ templateId: first?.id, title: s?.title || undefined });
    if (s?.title) titleTouched.current = true;
  }, [open, ready]); // eslint-disable-line react-hooks/exhaustive-deps

  // Choosing a template: its departments and deadlines, its data fields (keeping what was typed).
  useEffect(() => {
    if (!open || !template || !departments.data) return;
    const current = (form.getFieldValue('data') as Record<string, unknown> | undefined) ?? {};
    const merged = { ...(suggestion.data?.data ?? {}), ...Object.fromEntries(Object.entries(current).filter(([, v]) => v !== undefined)) };
    form.setFieldsValue({ tasks: defaultsFor(template, departments.data), data: dataFor(template.definition?.dataFields, merged) });
    if (!titleTouched.current) form.setFieldValue('title', template.name);
  }, [open, template?.id, departments.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const fieldNames = useMemo(() => {
    const names: (string | number)[][] = [['templateId'], ['title']];
    for (const k of Object.keys(template?.definition?.dataFields ?? {})) names.push(['data', k]);
    for (const s of template?.steps ?? []) names.push(['tasks', s.id, 'departmentId'], ['tasks', s.id, 'deadlineHours']);
    return names;
  }, [template]);

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !template) return;
    const all = form.getFieldsValue(true) as Values;
    const defaults = defaultsFor(template, departments.data ?? []);
    const tasks: Record<string, { departmentId?: string; deadlineHours?: number }> = {};
    for (const s of template.steps) {
      const chosen = all.tasks?.[s.id] ?? {};
      const entry: { departmentId?: string; deadlineHours?: number } = {};
      if (chosen.departmentId && chosen.departmentId !== defaults[s.id]?.departmentId) entry.departmentId = chosen.departmentId;
      if (chosen.deadlineHours && chosen.deadlineHours !== defaults[s.id]?.deadlineHours) entry.deadlineHours = chosen.deadlineHours;
      if (Object.keys(entry).length) tasks[s.id] = entry;
    }
    const data = cleanData(template.definition?.dataFields, all.data);
    try {
      const created = await launch.mutateAsync({
        idempotencyKey: key,
        body: {
          templateId: template.id,
          title: (all.title ?? '').trim(),
          subjectType,
          ...(subject ? { subjectId: subject.id } : {}),
          ...(Object.keys(data).length ? { data } : {}),
          ...(Object.keys(tasks).length ? { tasks } : {}),
        },
      });
      message.success(t('flows.launch.launched', { code: created.code }));
      onClose();
      navigate(`/flows/instances/${created.id}`);
    } catch (err) {
      const rest: string[] = [];
      const errors = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const d of isApiError(err) ? err.details : []) {
        const parts = d.path.split('.').filter(Boolean);
        if (parts[0] === 'body') parts.shift();
        const name = fieldNames.find((n) => n.every((p, i) => String(p) === parts[i]));
        if (name) {
          const k = name.join('.');
          errors.set(k, { name, errors: [...(errors.get(k)?.errors ?? []), d.message] });
        } else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
      }
      form.setFields([...errors.values()]);
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  const deptOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const deptSelect = (s: TemplateStep) => (
    <Form.Item name={['tasks', s.id, 'departmentId']} rules={[{ required: true, message: t('flows.launch.departmentRequired') }]} style={{ margin: 0 }}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={deptOptions}
        style={{ width: phone ? '100%' : 160 }}
        data-testid={`launch-flow-dept-${s.id}`}
        placeholder={s.departmentNeeded ?? undefined}
      />
    </Form.Item>
  );
  const hoursInput = (s: TemplateStep) => (
    <Form.Item name={['tasks', s.id, 'deadlineHours']} rules={[{ required: true, message: t('flows.launch.hoursRequired') }]} style={{ margin: 0 }}>
      <InputNumber
        min={0.5}
        max={working(s) ? 8 * 365 : 24 * 365}
        step={1}
        suffix={working(s) ? t('flows.launch.workingHours') : t('flows.launch.hours')}
        style={{ width: phone ? '100%' : 150 }}
        data-testid={`launch-flow-hours-${s.id}`}
      />
    </Form.Item>
  );
  const columns: TableProps<TemplateStep>['columns'] = [
    {
      key: 'name',
      title: t('flows.launch.step'),
      render: (_, s) => (
        <span>
          {s.name} {s.review && <Tag style={{ marginInlineStart: 4 }}>{t('flows.task.review')}</Tag>}
        </span>
      ),
    },
    { key: 'department', title: t('flows.launch.department'), width: 180, render: (_, s) => deptSelect(s) },
    { key: 'deadline', title: t('flows.launch.deadline'), width: 170, render: (_, s) => hoursInput(s) },
  ];
  const rules = template?.definition?.participantRules ?? [];
  const dataFields = template?.definition?.dataFields ?? {};

  return (
    <Modal
      title={subject?.label ? t('flows.launch.subjectTitle', { label: subject.label }) : t('flows.launch.title')}
      open={open}
      onCancel={onClose}
      onOk={onOk}
      okText={t('flows.launch.submit')}
      confirmLoading={launch.isPending}
      okButtonProps={{ disabled: !template, 'data-testid': 'launch-flow-submit' }}
      width={phone ? undefined : 760}
      style={phone ? { top: 12 } : undefined}
      forceRender
      mask={{ closable: false }}
    >
      {!ready && <Skeleton active paragraph={{ rows: 6 }} />}
      <Form form={form} layout="vertical" disabled={launch.isPending} data-testid="launch-flow-form" style={ready ? undefined : { display: 'none' }}>
          {templates.isError && <Alert type="error" showIcon title={errorText(templates.error, t)} style={{ marginBottom: 16 }} />}
          <Form.Item
            name="templateId"
            label={t('flows.launch.template')}
            rules={[{ required: true, message: t('flows.launch.templateRequired') }]}
            extra={template?.description || undefined}
          >
            <Select
              showSearch={{ optionFilterProp: 'search' }}
              placeholder={t('flows.launch.templatePlaceholder')}
              notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flows.launch.noTemplates')} />}
              options={candidates.map((x) => ({
                value: x.id,
                search: `${x.name} ${x.keywords?.join(' ') ?? ''}`,
                label: (
                  <Flex gap={6} align="center">
                    <span>{x.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      v{x.version}
                    </Typography.Text>
                    {x.id === suggestedId && <Tag color="green">{t('flows.launch.suggested')}</Tag>}
                  </Flex>
                ),
              }))}
              data-testid="launch-flow-template"
            />
          </Form.Item>
          <Form.Item name="title" label={t('flows.launch.titleLabel')} rules={[{ required: true, whitespace: true, message: t('flows.launch.titleRequired') }, { max: 200 }]}>
            <Input maxLength={200} onChange={() => (titleTouched.current = true)} data-testid="launch-flow-title" />
          </Form.Item>
          {template && (
            <>
              <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                {t('flows.launch.steps')}
              </Typography.Text>
              {phone ? (
                <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                  {template.steps.map((s) => (
                    <div key={s.id} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 10 }} data-testid={`launch-flow-step-${s.id}`}>
                      <div style={{ marginBottom: 6 }}>
                        <Typography.Text strong>{s.name}</Typography.Text> {s.review && <Tag>{t('flows.task.review')}</Tag>}
                      </div>
                      <Flex gap={8}>
                        <div style={{ flex: 3 }}>{deptSelect(s)}</div>
                        <div style={{ flex: 2 }}>{hoursInput(s)}</div>
                      </Flex>
                    </div>
                  ))}
                </Flex>
              ) : (
                <Table<TemplateStep>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={template.steps}
                  pagination={false}
                  style={{ marginBottom: 16 }}
                  onRow={(s) => ({ 'data-testid': `launch-flow-step-${s.id}` }) as React.HTMLAttributes<HTMLElement>}
                />
              )}
              {rules.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('flows.launch.rules')}
                  description={rules.map((r) => `${r.name}：${r.tasks.map((x) => x.name).join('、')}`).join('；')}
                />
              )}
              {Object.keys(dataFields).length > 0 && (
                <>
                  <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                    {t('flows.launch.data')}
                  </Typography.Text>
                  <Flex wrap gap={phone ? 0 : 16} vertical={phone}>
                    <DataFields fields={dataFields} testPrefix="launch-flow-data" />
                  </Flex>
                </>
              )}
            </>
          )}
      </Form>
    </Modal>
  );
}
