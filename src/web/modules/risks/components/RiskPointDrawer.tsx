/**
 * 新增 / 编辑风险点: what it is and where, its hazards, the LEC or LS assessment with a live preview
 * from the tenant's standards (RiskEvaluator: the same core evaluate() the server enforces), the
 * management level (defaults from the colour until chosen by hand), responsibility and controls.
 * Edits send the version they started from; a 409 reloads the record.
 */
import { useEffect, useMemo, useRef } from 'react';
import { App, Button, Drawer, Flex, Form, Input, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCIDENT_TYPES, CONTROL_KINDS, MANAGEMENT_LEVELS, RISK_POINT_KINDS, defaultManagementLevel, type AccidentType, type ManagementLevel, type RiskPointKind } from '../../../../core/risks';
import { isApiError } from '../../../platform/api/client';
import type { Department } from '../../../platform/api/types';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { useIsPhone } from '../../../ui/useIsPhone';
import { RiskEvaluator, evaluateRisk, useStandards, type RiskValue } from '../../standards';
import { useAreas, useDepartments, useEquipment } from '../../org/queries';
import type { RiskPoint, RiskPointBody, RiskPointPatch } from '../api';
import { useRiskStaff, useSaveRiskPoint } from '../queries';

interface Values {
  name: string;
  kind: RiskPointKind;
  areaId?: string;
  equipmentId?: string | null;
  hazardFactors?: string;
  accidentTypes?: AccidentType[];
  assessment?: RiskValue;
  managementLevel?: ManagementLevel;
  departmentId?: string;
  responsibleUserId?: string | null;
  controls: Record<(typeof CONTROL_KINDS)[number], string>;
}

interface Props {
  open: boolean;
  /** The point to edit; null for a new one. */
  point: RiskPoint | null;
  /** Preset area for a new point (from a filter or the map). */
  areaId?: string;
  onClose: () => void;
  onSaved?: (p: RiskPoint) => void;
  /** Reload the record after a conflict. */
  onReload?: () => Promise<unknown>;
}

type DepartmentWithHead = Department & { headUserId?: string | null };

function valuesOf(p: RiskPoint): Values {
  return {
    name: p.name,
    kind: p.kind,
    areaId: p.area.id,
    equipmentId: p.equipment?.id ?? null,
    hazardFactors: p.hazardFactors,
    accidentTypes: p.accidentTypes,
    assessment: { method: p.assessment.method, ...p.assessment.input },
    managementLevel: p.managementLevel,
    departmentId: p.department.id,
    responsibleUserId: p.responsibleUser?.id ?? null,
    controls: { ...p.controls },
  };
}

function assessmentBody(v: RiskValue) {
  return v.method === 'lec' ? { method: v.method, l: v.l, e: v.e, c: v.c } : { method: v.method, l: v.l, s: v.s };
}

function sameAssessment(a: RiskValue | undefined, p: RiskPoint): boolean {
  if (!a || a.method !== p.assessment.method) return false;
  const body = assessmentBody(a) as Record<string, unknown>;
  return Object.entries(p.assessment.input).every(([k, v]) => body[k] === v);
}

/** Only what changed, plus the version it is based on. */
function patchOf(base: RiskPoint, v: Values): RiskPointPatch {
  const before = valuesOf(base);
  const patch: RiskPointPatch = { version: base.version };
  if (v.name.trim() !== before.name) patch.name = v.name.trim();
  if (v.kind !== before.kind) patch.kind = v.kind;
  if (v.areaId !== before.areaId) patch.areaId = v.areaId;
  if ((v.equipmentId ?? null) !== before.equipmentId) patch.equipmentId = v.equipmentId ?? null;
  if ((v.hazardFactors ?? '') !== before.hazardFactors) patch.hazardFactors = v.hazardFactors ?? '';
  if (JSON.stringify(v.accidentTypes ?? []) !== JSON.stringify(before.accidentTypes)) patch.accidentTypes = v.accidentTypes ?? [];
  if (v.assessment && !sameAssessment(v.assessment, base)) patch.assessment = assessmentBody(v.assessment);
  if (v.managementLevel !== before.managementLevel) patch.managementLevel = v.managementLevel;
  if (v.departmentId !== before.departmentId) patch.departmentId = v.departmentId;
  if ((v.responsibleUserId ?? null) !== before.responsibleUserId) patch.responsibleUserId = v.responsibleUserId ?? null;
  const controls: Partial<Values['controls']> = {};
  for (const k of CONTROL_KINDS) if ((v.controls?.[k] ?? '') !== before.controls[k]) controls[k] = v.controls?.[k] ?? '';
  if (Object.keys(controls).length) patch.controls = controls;
  return patch;
}

export function RiskPointDrawer({ open, point, areaId, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const save = useSaveRiskPoint();
  const standards = useStandards();
  const areas = useAreas();
  const departments = useDepartments();
  const chosenArea = Form.useWatch('areaId', form);
  const equipment = useEquipment(chosenArea ?? null, !!chosenArea);
  const departmentId = Form.useWatch('departmentId', form);
  const staff = useRiskStaff(departmentId);
  const assessment = Form.useWatch('assessment', form);
  const result = useMemo(() => evaluateRisk(assessment, standards.data?.document), [assessment, standards.data]);
  // The management level follows the colour until someone picks one (a stored one counts as picked).
  const levelTouched = useRef(false);
  const filledFor = useRef('');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    levelTouched.current = !!point;
    filledFor.current = point?.department.id ?? '';
    if (point) form.setFieldsValue(valuesOf(point));
    else {
      const area = areas.data?.find((a) => a.id === areaId);
      form.setFieldsValue({
        kind: 'area',
        areaId,
        departmentId: area?.departmentId ?? undefined,
        assessment: { method: 'lec' },
        controls: { engineering: '', management: '', ppe: '', emergency: '' },
      });
    }
  }, [open, point?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (open && result && !levelTouched.current) form.setFieldValue('managementLevel', defaultManagementLevel(result.color));
  }, [open, result, form]);

  // Propose the department head as the responsible person, once per chosen department.
  useEffect(() => {
    if (!open || !departmentId || !staff.data || filledFor.current === departmentId) return;
    filledFor.current = departmentId;
    const head = (departments.data as DepartmentWithHead[] | undefined)?.find((d) => d.id === departmentId)?.headUserId;
    form.setFieldValue('responsibleUserId', staff.data.find((p) => p.id === head)?.id ?? null);
  }, [open, departmentId, staff.data, departments.data, form]);

  const onSubmit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      let saved: RiskPoint;
      if (point) {
        const patch = patchOf(point, values);
        if (Object.keys(patch).length === 1) return onClose();
        saved = await save.mutateAsync({ id: point.id, body: patch });
        message.success(t('risks.form.saved'));
      } else {
        const body: RiskPointBody = {
          name: values.name.trim(),
          kind: values.kind,
          areaId: values.areaId,
          equipmentId: values.equipmentId ?? null,
          hazardFactors: values.hazardFactors ?? '',
          accidentTypes: values.accidentTypes ?? [],
          assessment: assessmentBody(values.assessment!),
          controls: values.controls,
          managementLevel: values.managementLevel,
          departmentId: values.departmentId!,
          responsibleUserId: values.responsibleUserId ?? null,
        };
        saved = await save.mutateAsync({ body });
        message.success(t('risks.form.created', { code: saved.code }));
      }
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (isApiError(err) && err.isVersionConflict) {
        message.warning(t('risks.form.conflict'));
        await onReload?.();
        onClose();
        return;
      }
      const rest = applyFieldErrors(form, err);
      message.error(rest.length ? `${errorText(err, t)}: ${rest.join('; ')}` : errorText(err, t));
    }
  };

  const personOptions = (staff.data ?? []).map((p) => ({ value: p.id, label: p.position ? `${p.displayName}（${p.position}）` : p.displayName }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={phone ? '100%' : 640}
      title={point ? t('risks.form.editTitle', { code: point.code }) : t('risks.form.createTitle')}
      destroyOnHidden={false}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={onSubmit} loading={save.isPending} data-testid="risk-form-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" data-testid="risk-form" requiredMark="optional">
        <Form.Item name="name" label={t('risks.field.name')} rules={[{ required: true, whitespace: true, message: t('risks.form.nameRequired') }, { max: 100 }]}>
          <Input maxLength={100} data-testid="risk-form-name" placeholder={t('risks.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('risks.field.kind')} rules={[{ required: true }]}>
          <Segmented options={RISK_POINT_KINDS.map((k) => ({ value: k, label: t(`risks.kind.${k}`) }))} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="areaId" label={t('risks.field.area')} rules={[{ required: true, message: t('risks.form.areaRequired') }]} style={{ flex: '1 1 220px' }}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="risk-form-area"
              options={(areas.data ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.name}` }))}
              onChange={() => form.setFieldValue('equipmentId', null)}
            />
          </Form.Item>
          <Form.Item name="equipmentId" label={t('risks.field.equipment')} style={{ flex: '1 1 220px' }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('risks.form.equipmentPlaceholder')}
              disabled={!chosenArea}
              options={(equipment.data ?? []).map((e) => ({ value: e.id, label: `${e.code} ${e.name}` }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="hazardFactors" label={t('risks.field.hazardFactors')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="risk-form-factors" />
        </Form.Item>
        <Form.Item name="accidentTypes" label={t('risks.field.accidentTypes')}>
          <Select mode="multiple" allowClear options={ACCIDENT_TYPES.map((a) => ({ value: a, label: t(`risks.accidentType.${a}`) }))} data-testid="risk-form-accidents" />
        </Form.Item>
        <Form.Item
          name="assessment"
          label={t('risks.field.assessment')}
          rules={[{ validator: (_r, v: RiskValue | undefined) => (evaluateRisk(v, standards.data?.document) ? Promise.resolve() : Promise.reject(new Error(t('risks.form.assessmentRequired')))) }]}
          extra={standards.data ? t('risks.form.standardsNote', { version: standards.data.version }) : undefined}
        >
          <RiskEvaluator defaultMethod="lec" />
        </Form.Item>
        <Form.Item name="managementLevel" label={t('risks.field.managementLevel')} extra={t('risks.form.levelHint')} rules={[{ required: true }]}>
          <Segmented
            options={MANAGEMENT_LEVELS.map((l) => ({ value: l, label: t(`risks.managementLevel.${l}`) }))}
            onChange={() => (levelTouched.current = true)}
            data-testid="risk-form-level"
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="departmentId" label={t('risks.field.department')} rules={[{ required: true, message: t('risks.form.departmentRequired') }]} style={{ flex: '1 1 220px' }}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} data-testid="risk-form-department" />
          </Form.Item>
          <Form.Item name="responsibleUserId" label={t('risks.field.responsibleUser')} style={{ flex: '1 1 220px' }}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('risks.form.staffPlaceholder')} options={personOptions} loading={staff.isFetching} />
          </Form.Item>
        </Flex>
        <Typography.Title level={5} style={{ marginTop: 4 }}>
          {t('risks.field.controls')}
        </Typography.Title>
        {CONTROL_KINDS.map((k) => (
          <Form.Item key={k} name={['controls', k]} label={t(`risks.control.${k}`)}>
            <Input.TextArea rows={2} maxLength={2000} data-testid={`risk-form-control-${k}`} />
          </Form.Item>
        ))}
      </Form>
    </Drawer>
  );
}
