/** The questionnaire on a phone or a desk: five questions rated with stars 1–5 (each star named), a comment, submit. */
import { App, Button, Form, Input, Rate, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../../ui/errors';
import { questionText, type SurveyRound } from '../api';
import { useRespond } from '../queries';
import { SCORES, scoreLabel } from './format';

interface Values {
  answers: Record<string, number | undefined>;
  comment?: string;
}

export function AnswerForm({ round }: { round: SurveyRound }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const respond = useRespond(round.id);
  const answers = Form.useWatch('answers', form) ?? {};
  const missing = round.questions.filter((q) => !answers[q.key]).length;
  const labels = SCORES.map((s) => scoreLabel(t, s));

  const submit = async (v: Values) => {
    try {
      await respond.mutateAsync({ answers: v.answers as Record<string, number>, comment: v.comment?.trim() || undefined });
      message.success(t('surveys.form.done'));
    } catch (err) {
      const rest = applyFieldErrors(form, err);
      message.error(rest.length ? rest.join('; ') : errorText(err, t));
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="survey-form">
      <Typography.Paragraph type="secondary">{t('surveys.scaleHint')}</Typography.Paragraph>
      {round.questions.map((q, i) => (
        <Form.Item
          key={q.key}
          name={['answers', q.key]}
          label={<Typography.Text strong>{`${i + 1}. ${questionText(q, i18n.language)}`}</Typography.Text>}
          rules={[{ required: true, message: t('surveys.form.required') }]}
          style={{ marginBottom: 20 }}
        >
          <ScoreInput labels={labels} testId={`survey-q-${q.key}`} />
        </Form.Item>
      ))}
      <Form.Item name="comment" label={t('surveys.form.comment')}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('surveys.form.commentPlaceholder')} data-testid="survey-comment" />
      </Form.Item>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button type="primary" htmlType="submit" size="large" block loading={respond.isPending} data-testid="survey-submit">
          {t('surveys.form.submit')}
        </Button>
        {missing > 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center' }}>
            {t('surveys.form.unanswered', { count: missing })}
          </Typography.Text>
        )}
      </Space>
    </Form>
  );
}

/** Stars big enough for a thumb, with the chosen score's name beside them. */
function ScoreInput({ value, onChange, labels, testId }: { value?: number; onChange?: (v: number) => void; labels: string[]; testId: string }) {
  return (
    <Space size={12} wrap data-testid={testId}>
      <Rate value={value} onChange={(v) => onChange?.(v)} tooltips={labels} allowClear={false} style={{ fontSize: 30 }} />
      <Typography.Text type={value ? undefined : 'secondary'} style={{ minWidth: 72, display: 'inline-block' }}>
        {value ? labels[value - 1] : ''}
      </Typography.Text>
    </Space>
  );
}
