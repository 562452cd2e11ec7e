/** 新增传感器: code (its MQTT topic level), name, equipment, parameter and unit; thresholds come next on its page. */
import { App, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useEquipment } from '../../org/queries';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { useCreateSensor } from '../queries';
import { PARAMETER_UNITS } from './format';

interface Values {
  code: string;
  name: string;
  equipmentId?: string;
  parameter: string;
  unit?: string;
}

export function NewSensorModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const equipment = useEquipment(null, open);
  const create = useCreateSensor();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const s = await create.mutateAsync({ ...v, equipmentId: v.equipmentId ?? null, unit: v.unit ?? '' });
      message.success(t('sensors.create.done'));
      onClose();
      form.resetFields();
      navigate(`/sensors/${s.id}`);
    } catch (err) {
      const rest = applyFieldErrors(form, err);
      if (rest.length) message.error(rest.join('；'));
      else if (!form.getFieldsError().some((f) => f.errors.length)) message.error(errorText(err, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('sensors.create.title')}
      okText={t('common.save')}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid="sensor-create"
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="code" label={t('sensors.field.code')} extra={t('sensors.create.codeHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, message: t('sensors.create.codeRule') }]}>
          <Input placeholder="DUST-SPR-02" />
        </Form.Item>
        <Form.Item name="name" label={t('sensors.field.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="equipmentId" label={t('sensors.field.equipment')} extra={t('sensors.create.areaHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={equipment.isLoading}
            options={equipment.data?.map((e) => ({ value: e.id, label: `${e.code} ${e.name}` }))}
          />
        </Form.Item>
        <Form.Item name="parameter" label={t('sensors.field.parameter')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('sensors.create.parameterRule') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={Object.keys(PARAMETER_UNITS).map((p) => ({ value: p, label: t(`sensors.parameter.${p}` as 'sensors.parameter.temperature') }))}
            onChange={(p: string) => form.setFieldValue('unit', PARAMETER_UNITS[p] ?? '')}
          />
        </Form.Item>
        <Form.Item name="unit" label={t('sensors.create.unit')} rules={[{ max: 20 }]}>
          <AutoComplete options={[...new Set(Object.values(PARAMETER_UNITS))].map((u) => ({ value: u }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
