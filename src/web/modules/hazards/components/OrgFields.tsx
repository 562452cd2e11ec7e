/**
 * Department / area / equipment pickers shared by the report form and the edit dialog.
 * Equipment is filtered by the chosen area; choosing equipment fills in its area; with
 * `deriveDepartment`, choosing an area proposes its department unless the user picked one.
 */
import { useRef } from 'react';
import { Form, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAreas, useDepartments, useEquipment } from '../../org/queries';

export interface OrgValues {
  departmentId?: string;
  areaId?: string | null;
  equipmentId?: string | null;
}

interface Props<T> {
  form: FormInstance<T>;
  testIdPrefix?: string;
  deriveDepartment?: boolean;
}

export function OrgFields<T extends OrgValues>({ form, testIdPrefix, deriveDepartment = false }: Props<T>) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const areas = useAreas();
  const areaId = Form.useWatch('areaId', form) as string | null | undefined;
  const equipment = useEquipment(areaId ?? null);
  const tid = (name: string) => (testIdPrefix ? `${testIdPrefix}-${name}` : undefined);
  const f = form as unknown as FormInstance<OrgValues>;
  // Select's onChange fires for the user's own choices only (not for setFieldsValue).
  const departmentChosen = useRef(false);

  const onAreaChange = (value: string | undefined) => {
    const current = f.getFieldValue('equipmentId') as string | undefined;
    const eq = equipment.data?.find((e) => e.id === current);
    if (current && (!value || (eq && eq.areaId !== value))) f.setFieldValue('equipmentId', undefined);
    const area = areas.data?.find((a) => a.id === value);
    if (deriveDepartment && area?.departmentId && !departmentChosen.current) f.setFieldValue('departmentId', area.departmentId);
  };

  const onEquipmentChange = (value: string | undefined) => {
    const eq = equipment.data?.find((e) => e.id === value);
    if (eq?.areaId && eq.areaId !== f.getFieldValue('areaId')) f.setFieldValue('areaId', eq.areaId);
  };

  return (
    <>
      <Form.Item name="departmentId" label={t('hazards.field.department')} rules={[{ required: true, message: t('hazards.form.departmentRequired') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('hazards.form.departmentPlaceholder')}
          loading={departments.isPending}
          options={departments.data?.map((d) => ({ value: d.id, label: d.name }))}
          onChange={() => (departmentChosen.current = true)}
          data-testid={tid('department')}
        />
      </Form.Item>
      <Form.Item name="areaId" label={t('hazards.field.area')}>
        <Select
          showSearch={{ optionFilterProp: ['label', 'title'] }}
          allowClear
          placeholder={t('hazards.form.areaPlaceholder')}
          loading={areas.isPending}
          options={areas.data?.map((a) => ({ value: a.id, label: `${a.name}`, title: a.code }))}
          onChange={onAreaChange}
          data-testid={tid('area')}
        />
      </Form.Item>
      <Form.Item name="equipmentId" label={t('hazards.field.equipment')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder={areaId ? t('hazards.form.equipmentPlaceholder') : t('hazards.form.equipmentNeedsArea')}
          loading={equipment.isFetching}
          options={equipment.data?.map((e) => ({ value: e.id, label: `${e.code} ${e.name}` }))}
          onChange={onEquipmentChange}
          data-testid={tid('equipment')}
        />
      </Form.Item>
    </>
  );
}
