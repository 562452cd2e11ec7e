/** 满意度调查: everyone answers the open round (phone first); managers and analysts also see the results. */
import { SmileOutlined } from '@ant-design/icons';
import { Card, Flex, List, Result, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { formatDateTime } from '../../../ui/DateTime';
import { ErrorState, StateMessage } from '../../../ui/States';
import { usePageTitle } from '../../../ui/usePageTitle';
import { useIsPhone } from '../../../ui/useIsPhone';
import { questionText, type CurrentSurvey } from '../api';
import { AnswerForm } from '../components/AnswerForm';
import { fmtDate, quarterLabel, scoreLabel } from '../components/format';
import { ResultsPanel } from '../components/ResultsPanel';
import { ANALYTICS_VIEW_ALL, SURVEYS_MANAGE } from '../permissions';
import { useCurrentSurvey } from '../queries';

export default function SurveyPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const canManage = auth.can(SURVEYS_MANAGE);
  const seesResults = canManage || auth.can(ANALYTICS_VIEW_ALL);
  const phone = useIsPhone(); // the phone header shows the title already
  usePageTitle(t('surveys.title'));

  return (
    <Card styles={{ body: { maxWidth: seesResults ? undefined : 720 } }}>
      {!phone && (
        <Typography.Title level={4} className="zhian-page-title">
          {t('surveys.title')}
        </Typography.Title>
      )}
      {seesResults ? (
        <Tabs
          items={[
            { key: 'answer', label: t('surveys.tabs.answer'), children: <CurrentRound /> },
            { key: 'results', label: t('surveys.tabs.results'), children: <ResultsPanel canManage={canManage} /> },
          ]}
        />
      ) : (
        <CurrentRound />
      )}
    </Card>
  );
}

function CurrentRound() {
  const { t } = useTranslation();
  const current = useCurrentSurvey();
  if (current.isError && !current.data) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  if (!current.data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const { round, answer } = current.data;
  if (!round) return <StateMessage icon={<SmileOutlined style={{ color: '#bfbfbf' }} />} title={t('surveys.none.title')} detail={t('surveys.none.detail')} testId="survey-none" />;
  return (
    <div style={{ maxWidth: 720 }} data-testid="survey-current">
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {quarterLabel(t, round.quarter)} {t('surveys.title')}
        </Typography.Title>
        <Tag>{t('surveys.closesAt', { date: fmtDate(round.closesAt) })}</Tag>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('surveys.intro')}
      </Typography.Paragraph>
      {answer ? <Thanks round={round} answer={answer} /> : <AnswerForm round={round} />}
    </div>
  );
}

function Thanks({ round, answer }: { round: NonNullable<CurrentSurvey['round']>; answer: NonNullable<CurrentSurvey['answer']> }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="survey-thanks">
      <Result status="success" title={t('surveys.thanks.title')} subTitle={t('surveys.thanks.detail', { time: formatDateTime(answer.submittedAt) })} style={{ padding: '16px 0' }} />
      <List
        bordered
        size="small"
        dataSource={round.questions}
        renderItem={(q, i) => {
          const score = answer.answers[q.key];
          return (
            <List.Item extra={<Typography.Text style={{ whiteSpace: 'nowrap' }}><Typography.Text strong>{t('surveys.thanks.score', { score })}</Typography.Text> <Typography.Text type="secondary">{scoreLabel(t, score)}</Typography.Text></Typography.Text>}>
              {`${i + 1}. ${questionText(q, i18n.language)}`}
            </List.Item>
          );
        }}
        footer={answer.comment ? <><Typography.Text type="secondary">{t('surveys.thanks.comment')}：</Typography.Text>{answer.comment}</> : undefined}
      />
    </div>
  );
}
