/**
 * 整改派发: the responsible department (default: the hazard's) and a person of it, a deadline
 * within the grade's limit (一般 60 days, 重大 30), measures, budget — and for 重大隐患 the
 * supervisor (挂牌督办), by default a member of the safety committee.
 */
import { useEffect, useRef } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { chinaTime, pickerValue, wallClockToIso } from '../../../../platform/time';
import { useTranslation } from 'react-i18next';
import { DEADLINE_RULES } from '../../../../../core/hazards/deadlines';
import type { Department } from '../../../../platform/api/types';
import { useIsPhone } from '../../../../ui/useIsPhone';
import { useDepartments } from '../../../org/queries';
import { useStaff } from '../../queries';
import type { LoopHazard, StaffMember } from '../../types';
import { useStep, type StepDialogProps } from './useStep';

interface Values {
  responsibleDepartmentId?: string;
  responsibleUserId?: string;
  deadline?: Dayjs;
  measures: string;
  budgetYuan?: number | null;
  supervisorId?: string;
}

const FIELDS = ['responsibleDepartmentId', 'responsibleUserId', 'deadline', 'measures', 'budgetYuan', 'supervisorId'];
/** Days from now the deadline is proposed at. */
const DEFAULT_DAYS = { general: 7, major: 15 } as const;

/** GET /departments also names each department's head. */
type DepartmentWithHead = Department & { headUserId?: string | null };

function personOptions(people: StaffMember[] | undefined) {
  return (people ?? []).map((p) => ({ value: p.id, label: p.position ? `${p.displayName}（${p.position}）` : p.displayName, name: p.displayName }));
}

function gradeOf(h: LoopHazard): 'general' | 'major' {
  return h.grade === 'major' ? 'major' : 'general';
}

export function DispatchModal(props: StepDialogProps) {
  const { hazard, open, onClose } = props;
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const { run, pending } = useStep('dispatch', props, form, { fields: FIELDS });
  const grade = gradeOf(hazard);
  const maxDays = DEADLINE_RULES[grade].maxDays;
  const major = grade === 'major';

  const departments = useDepartments();
  const all = departments.data as DepartmentWithHead[] | undefined;
  const departmentId = Form.useWatch('responsibleDepartmentId', form);
  const staff = useStaff(departmentId);
  const committee = all?.find((d) => d.kind === 'committee');
  const supervisors = useStaff(major ? committee?.id : undefined);

  const filledFor = useRef('');
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      responsibleDepartmentId: hazard.responsibleDepartment?.id ?? hazard.department.id,
      deadline: pickerValue(chinaTime().add(DEFAULT_DAYS[grade], 'day').hour(18).minute(0).second(0).millisecond(0))!,
      measures: hazard.rectification?.measures ?? '',
    });
    filledFor.current = '';
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  // Propose the department head as the responsible person, once per chosen department.
  useEffect(() => {
    if (!open || !departmentId || !staff.data || filledFor.current === departmentId) return;
    filledFor.current = departmentId;
    const head = all?.find((d) => d.id === departmentId)?.headUserId;
    const current = form.getFieldValue('responsibleUserId') as string | undefined;
    if (current && staff.data.some((p) => p.id === current)) return;
    form.setFieldValue('responsibleUserId', staff.data.find((p) => p.id === head)?.id);
  }, [open, departmentId, staff.data, all, form]);

  // 挂牌督办: propose the committee's head (or its first member).
  useEffect(() => {
    if (!open || !major || !supervisors.data?.length || form.getFieldValue('supervisorId')) return;
    const head = committee?.headUserId;
    form.setFieldValue('supervisorId', (supervisors.data.find((p) => p.id === head) ?? supervisors.data[0]).id);
  }, [open, major, supervisors.data, committee, form]);

  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const person = staff.data?.find((p) => p.id === v.responsibleUserId);
    await run(
      {
        responsibleDepartmentId: v.responsibleDepartmentId!,
        responsibleUserId: v.responsibleUserId!,
        deadline: wallClockToIso(v.deadline!),
        measures: v.measures.trim(),
        budgetYuan: v.budgetYuan ?? undefined,
        supervisorId: major ? v.supervisorId : undefined,
      },
      () => t('hazards.loop.dispatch.success', { name: person?.displayName ?? '' }),
    );
  };

  const deadlineRule = {
    validator: async (_: unknown, d: Dayjs | undefined) => {
      if (!d) throw new Error(t('hazards.loop.dispatch.deadlineRequired'));
      if (!d.isAfter(dayjs()) || d.isAfter(dayjs().add(maxDays, 'day'))) {
        throw new Error(t('hazards.loop.dispatch.deadlineHint', { grade: t(`hazards.grade.${grade}`), days: maxDays }));
      }
    },
  };

  return (
    <Modal
      open={open}
      title={
        <span>
          {t('hazards.loop.dispatch.title')}
          {major && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('hazards.loop.rectification.supervised')}
            </Tag>
          )}
        </span>
      }
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={pending}
      width={phone ? undefined : 640}
      style={phone ? { top: 12 } : undefined}
      forceRender
      okButtonProps={{ 'data-testid': 'hazard-dispatch-submit' }}
    >
      <Form form={form} layout="vertical" data-testid="hazard-dispatch-form">
        <Form.Item name="responsibleDepartmentId" label={t('hazards.loop.dispatch.department')} rules={[{ required: true, message: t('hazards.loop.dispatch.departmentRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            options={all?.filter((d) => d.kind !== 'committee').map((d) => ({ value: d.id, label: d.name }))}
            onChange={() => form.setFieldValue('responsibleUserId', undefined)}
            data-testid="hazard-dispatch-department"
          />
        </Form.Item>
        <Form.Item name="responsibleUserId" label={t('hazards.loop.dispatch.user')} rules={[{ required: true, message: t('hazards.loop.dispatch.userRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('hazards.loop.dispatch.userPlaceholder')}
            loading={staff.isFetching}
            disabled={!departmentId}
            options={personOptions(staff.data)}
            data-testid="hazard-dispatch-user"
          />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('hazards.loop.dispatch.deadline')}
          extra={t('hazards.loop.dispatch.deadlineHint', { grade: t(`hazards.grade.${grade}`), days: maxDays })}
          required
          rules={[deadlineRule]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(maxDays, 'day'), 'day')}
            style={{ width: phone ? '100%' : 240 }}
            data-testid="hazard-dispatch-deadline"
          />
        </Form.Item>
        <Form.Item
          name="measures"
          label={t('hazards.loop.dispatch.measures')}
          rules={[{ required: true, whitespace: true, message: t('hazards.loop.dispatch.measuresRequired') }, { max: 5000 }]}
        >
          <Input.TextArea rows={3} maxLength={5000} placeholder={t('hazards.loop.dispatch.measuresPlaceholder')} data-testid="hazard-dispatch-measures" />
        </Form.Item>
        <Form.Item name="budgetYuan" label={t('hazards.loop.dispatch.budget')}>
          <InputNumber min={0} max={1e12} precision={2} step={1000} suffix={t('hazards.loop.dispatch.yuan')} style={{ width: phone ? '100%' : 240 }} data-testid="hazard-dispatch-budget" />
        </Form.Item>
        {major && (
          <Form.Item
            name="supervisorId"
            label={t('hazards.loop.dispatch.supervisor')}
            extra={t('hazards.loop.dispatch.supervisorHint')}
            rules={[{ required: true, message: t('hazards.loop.dispatch.supervisorRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={supervisors.isFetching}
              options={personOptions(supervisors.data)}
              data-testid="hazard-dispatch-supervisor"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
