/** A task's properties (the step on the canvas, or a task a participant rule adds). */
import { useState } from 'react';
import { Checkbox, Divider, Flex, Form, Input, InputNumber, Segmented, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ESCALATION, type Escalation } from '../../../../core/flows';
import { FormFieldsEditor } from './FormFieldsEditor';
import type { TaskDraft } from './model';
import type { FlowDepartment } from './templateApi';

/** Pick a department of this organisation by code, or type a code for organisations that have it. */
export function DepartmentSelect({
  value,
  onChange,
  departments,
  disabled,
  testId,
}: {
  value: string;
  onChange: (code: string) => void;
  departments: FlowDepartment[];
  disabled: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const known = departments.some((d) => d.code === value);
  const typed = search.trim();
  const options = [
    ...departments.map((d) => ({ value: d.code, label: d.name, code: d.code })),
    ...(value && !known ? [{ value, label: t('flowDesigner.task.otherCode', { code: value }), code: value }] : []),
    ...(typed && typed !== value && !departments.some((d) => d.code === typed || d.name === typed)
      ? [{ value: typed, label: t('flowDesigner.task.useCode', { code: typed }), code: typed }]
      : []),
  ];
  return (
    <>
      <Select
        showSearch={{
          filterOption: (input, o) => !!o && (String(o.label).includes(input) || String(o.value).toLowerCase().includes(input.toLowerCase())),
          onSearch: setSearch,
        }}
        disabled={disabled}
        value={value || undefined}
        status={!value ? 'error' : undefined}
        placeholder={t('flowDesigner.task.departmentPlaceholder')}
        options={options}
        optionRender={(o) => (
          <Flex justify="space-between" gap={8}>
            <span>{o.label}</span>
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {o.data.code}
            </Typography.Text>
          </Flex>
        )}
        onChange={(v: string) => {
          setSearch('');
          onChange(v);
        }}
        data-testid={testId}
      />
      {value && !known && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('flowDesigner.task.otherCodeHelp')}
        </Typography.Text>
      )}
    </>
  );
}

export function TaskFields({
  task,
  onChange,
  departments,
  disabled,
  defaultEscalation,
  testPrefix = 'task',
}: {
  task: TaskDraft;
  onChange: (t: TaskDraft) => void;
  departments: FlowDepartment[];
  disabled: boolean;
  defaultEscalation: Escalation;
  testPrefix?: string;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<TaskDraft>) => onChange({ ...task, ...patch });
  const working = 'workingHours' in task.deadline;
  const hours = 'workingHours' in task.deadline ? task.deadline.workingHours : task.deadline.hours;
  const esc = task.escalation;
  const setEsc = (patch: Partial<Escalation>) => set({ escalation: { ...(esc ?? defaultEscalation ?? DEFAULT_ESCALATION), ...patch } });
  return (
    <>
      <Form.Item label={t('flowDesigner.task.name')} required validateStatus={!task.name.trim() ? 'error' : undefined}>
        <Input disabled={disabled} value={task.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} data-testid={`${testPrefix}-name`} />
      </Form.Item>
      <Form.Item label={t('flowDesigner.task.description')}>
        <Input.TextArea
          disabled={disabled}
          value={task.description ?? ''}
          maxLength={1000}
          autoSize={{ minRows: 2, maxRows: 5 }}
          onChange={(e) => set({ description: e.target.value })}
          placeholder={t('flowDesigner.task.descriptionPlaceholder')}
        />
      </Form.Item>
      <Form.Item label={t('flowDesigner.task.department')} required>
        <DepartmentSelect
          value={task.assignee.departmentCode}
          departments={departments}
          disabled={disabled}
          onChange={(code) => set({ assignee: { ...task.assignee, departmentCode: code } })}
          testId={`${testPrefix}-department`}
        />
      </Form.Item>
      <Form.Item label={t('flowDesigner.task.role')} tooltip={t('flowDesigner.task.roleHelp')}>
        <Input
          disabled={disabled}
          value={task.assignee.role ?? ''}
          maxLength={40}
          placeholder={t('flowDesigner.task.rolePlaceholder')}
          onChange={(e) => set({ assignee: { ...task.assignee, role: e.target.value || undefined } })}
        />
      </Form.Item>
      <Form.Item label={t('flowDesigner.task.deadline')} required>
        <Flex gap={8}>
          <InputNumber
            disabled={disabled}
            min={0.5}
            step={1}
            value={hours}
            status={!(hours > 0) ? 'error' : undefined}
            style={{ width: 110 }}
            onChange={(v) => {
              const n = typeof v === 'number' ? v : 0;
              set({ deadline: working ? { workingHours: n } : { hours: n } });
            }}
            data-testid={`${testPrefix}-deadline`}
          />
          <Segmented
            disabled={disabled}
            value={working ? 'working' : 'hours'}
            onChange={(v) => set({ deadline: v === 'working' ? { workingHours: hours } : { hours } })}
            options={[
              { value: 'hours', label: t('flowDesigner.task.hours') },
              { value: 'working', label: t('flowDesigner.task.workingHours') },
            ]}
          />
        </Flex>
      </Form.Item>
      <Form.Item label={t('flowDesigner.task.review')} tooltip={t('flowDesigner.task.reviewHelp')}>
        <Switch disabled={disabled} checked={task.review} onChange={(review) => set({ review })} data-testid={`${testPrefix}-review`} />
      </Form.Item>
      <Form.Item label={t('flowDesigner.task.escalation')} style={{ marginBottom: esc ? 8 : undefined }}>
        <Checkbox disabled={disabled} checked={!!esc} onChange={(e) => set({ escalation: e.target.checked ? { ...defaultEscalation } : undefined })}>
          {t('flowDesigner.task.ownEscalation')}
        </Checkbox>
        {!esc && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('flowDesigner.escalation.summary', {
              remind: defaultEscalation.remindBeforeHours,
              head: defaultEscalation.notifyHeadOnOverdue ? t('flowDesigner.escalation.headYes') : t('flowDesigner.escalation.headNo'),
              committee:
                defaultEscalation.committeeAfterHours === null
                  ? t('flowDesigner.escalation.committeeNever')
                  : t('flowDesigner.escalation.committeeAfter', { n: defaultEscalation.committeeAfterHours }),
            })}
          </Typography.Text>
        )}
      </Form.Item>
      {esc && <EscalationFields value={esc} onChange={(e) => setEsc(e)} disabled={disabled} />}
      <Divider titlePlacement="start" plain style={{ margin: '12px 0' }}>
        {t('flowDesigner.task.outputs')}
      </Divider>
      <FormFieldsEditor rows={task.fields} disabled={disabled} onChange={(fields) => set({ fields })} />
    </>
  );
}

/** Reminder before the deadline, department head on overdue, committee after a further delay. */
export function EscalationFields({ value, onChange, disabled }: { value: Escalation; onChange: (e: Escalation) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="fd-escalation">
      <Form.Item label={t('flowDesigner.escalation.remindBefore')} style={{ marginBottom: 8 }}>
        <InputNumber
          disabled={disabled}
          min={0}
          max={720}
          value={value.remindBeforeHours}
          suffix={t('flowDesigner.hoursUnit')}
          style={{ width: 140 }}
          onChange={(v) => onChange({ ...value, remindBeforeHours: typeof v === 'number' ? v : 0 })}
        />
      </Form.Item>
      <Form.Item style={{ marginBottom: 8 }}>
        <Checkbox disabled={disabled} checked={value.notifyHeadOnOverdue} onChange={(e) => onChange({ ...value, notifyHeadOnOverdue: e.target.checked })}>
          {t('flowDesigner.escalation.notifyHead')}
        </Checkbox>
      </Form.Item>
      <Form.Item label={t('flowDesigner.escalation.committee')} style={{ marginBottom: 8 }}>
        <Flex gap={8} align="center">
          <Checkbox
            disabled={disabled}
            checked={value.committeeAfterHours !== null}
            onChange={(e) => onChange({ ...value, committeeAfterHours: e.target.checked ? 24 : null })}
          >
            {t('flowDesigner.escalation.committeeAfterLabel')}
          </Checkbox>
          {value.committeeAfterHours !== null && (
            <InputNumber
              disabled={disabled}
              min={0}
              max={1440}
              value={value.committeeAfterHours}
              suffix={t('flowDesigner.hoursUnit')}
              style={{ width: 120 }}
              onChange={(v) => onChange({ ...value, committeeAfterHours: typeof v === 'number' ? v : 0 })}
            />
          )}
        </Flex>
      </Form.Item>
    </div>
  );
}
