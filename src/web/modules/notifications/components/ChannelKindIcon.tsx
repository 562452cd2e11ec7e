/** One icon per channel kind (Feishu has none in the icon set: a lettered badge in its colour). */
import { DingtalkOutlined, MailOutlined, WechatWorkOutlined } from '@ant-design/icons';
import type { ChannelKind } from '../channelsApi';

export function ChannelKindIcon({ kind, size = 18 }: { kind: ChannelKind; size?: number }) {
  const style = { fontSize: size };
  if (kind === 'email') return <MailOutlined style={{ ...style, color: '#1677ff' }} aria-hidden />;
  if (kind === 'dingtalk') return <DingtalkOutlined style={{ ...style, color: '#0089ff' }} aria-hidden />;
  if (kind === 'wecom') return <WechatWorkOutlined style={{ ...style, color: '#07c160' }} aria-hidden />;
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: size, height: size, borderRadius: 4,
        background: '#3370ff', color: '#fff', fontSize: size * 0.62, fontWeight: 600, lineHeight: 1,
      }}
    >
      飞
    </span>
  );
}
