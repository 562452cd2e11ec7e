/** Threshold editor (sensors.manage): the whole set is saved at once, with the sensor's version. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import type { Sensor, ThresholdInput } from '../api';
import { useSaveThresholds } from '../queries';

const COLORS = ['blue', 'yellow', 'orange', 'red'] as const;

export function ThresholdEditor({ sensor, open, onClose, onConflict }: { sensor: Sensor; open: boolean; onClose: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ thresholds: ThresholdInput[] }>();
  const save = useSaveThresholds(sensor.id);
  const initial = sensor.thresholds.map(({ id, direction, limit, clearAt, holdSeconds, color, enabled }) => ({ id, direction, limit, clearAt, holdSeconds, color, enabled }));

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({ version: sensor.version, thresholds: values.thresholds ?? [] });
      message.success(t('sensors.saved'));
      onClose();
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        message.warning(t('sensors.conflict'));
        onConflict();
        onClose();
        return;
      }
      // "body.thresholds.0.clearAt" → the field of that row
      const fields = isApiError(err)
        ? err.details.flatMap((d) => {
            const m = /^body\.thresholds\.(\d+)\.(\w+)$/.exec(d.path);
            return m ? [{ name: ['thresholds', Number(m[1]), m[2]] as never, errors: [d.message] }] : [];
          })
        : [];
      if (fields.length) form.setFields(fields);
      else message.error(errorText(err, t));
    }
  };

  return (
    <Modal
      open={open}
      title={`${t('sensors.editThresholds')} · ${sensor.name}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('sensors.save')}
      cancelText={t('sensors.cancel')}
      confirmLoading={save.isPending}
      width={860}
      destroyOnHidden
    >
      <Form form={form} initialValues={{ thresholds: initial }} layout="vertical" data-testid="threshold-editor">
        <Form.List name="thresholds">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'direction']} label={t('sensors.field.direction')} rules={[{ required: true }]}>
                    <Select style={{ width: 90 }} options={(['above', 'below'] as const).map((d) => ({ value: d, label: t(`sensors.direction.${d}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'limit']} label={`${t('sensors.field.limit')} (${sensor.unit})`} rules={[{ required: true }]}>
                    <InputNumber style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'clearAt']} label={t('sensors.field.clearAt')} rules={[{ required: true }]}>
                    <InputNumber style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'holdSeconds']} label={t('sensors.field.holdSeconds')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={86400} precision={0} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'color']} label={t('sensors.field.color')} rules={[{ required: true }]}>
                    <Select style={{ width: 90 }} options={COLORS.map((c) => ({ value: c, label: t(`sensors.color.${c}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'enabled']} label={t('sensors.field.enabled')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('sensors.remove')} />
                  </Form.Item>
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ direction: 'above', limit: undefined, clearAt: undefined, holdSeconds: 60, color: 'yellow', enabled: true })}
                data-testid="threshold-add"
              >
                {t('sensors.addThreshold')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
