import { createHmac } from 'node:crypto';
import type { OutboundGuard } from '../../platform/net/outbound.js';
import nodemailer from 'nodemailer';
import type { RobotKind } from './categories.js';

/**
 * The wire formats of the external channels. Pure request building (testable, and the test
 * server recomputes the signatures) plus the two senders: SMTP through nodemailer, robots through
 * fetch. A sender throws on any failure, including a robot that answers HTTP 200 with an error code.
 */

export interface EmailConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

export interface RobotConfig {
  webhookUrl: string;
  /** DingTalk 加签 / Feishu 签名校验 secret; WeCom robots have none. */
  secret?: string;
}

export interface OutboundMessage {
  /** The delivery id: the e-mail's Message-ID is derived from it, so a resend is recognisable. */
  id: string;
  title: string;
  body: string;
  /** Absolute URL into the app, when the server knows its public origin. */
  url: string | null;
  urgent: boolean;
}

const TIMEOUT_MS = 10_000;
const SUBJECT_PREFIX = '[智安]';

export function emailSubject(m: OutboundMessage): string {
  return `${SUBJECT_PREFIX}${m.urgent ? '【紧急】' : ''}${m.title}`;
}

export function emailText(m: OutboundMessage): string {
  return [m.title, '', m.body, ...(m.url ? ['', `查看详情：${m.url}`] : []), '', '—— 智安安全管理系统（请勿直接回复）'].join('\n');
}

export function messageIdOf(deliveryId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'zhian.local';
  return `<delivery-${deliveryId}@${domain}>`;
}

/** An SMTP connection (pool) for one channel; the worker keeps one per channel for a run, a test send its own. */
export function smtpTransport(cfg: EmailConfig, connections = 1) {
  return nodemailer.createTransport({
    pool: true,
    maxConnections: connections,
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    auth: cfg.user ? { user: cfg.user, pass: cfg.password ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 2 * TIMEOUT_MS,
  });
}
export type SmtpTransport = ReturnType<typeof smtpTransport>;

export async function sendEmail(cfg: EmailConfig, to: string, m: OutboundMessage, transport?: SmtpTransport): Promise<void> {
  const t = transport ?? smtpTransport(cfg);
  try {
    await t.sendMail({ from: cfg.from, to, subject: emailSubject(m), text: emailText(m), messageId: messageIdOf(m.id, cfg.from) });
  } finally {
    if (!transport) t.close();
  }
}

function markdownText(m: OutboundMessage): string {
  const title = `${m.urgent ? '【紧急】' : ''}${m.title}`;
  return [`#### ${title}`, '', m.body, ...(m.url ? ['', `[查看详情](${m.url})`] : [])].join('\n');
}

/** DingTalk 加签: base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)), timestamp in ms. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu 签名校验: base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), timestamp in seconds. */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/**
 * The URL and JSON body a robot expects. `nowMs` is wall-clock time: the platforms reject a
 * signature whose timestamp is more than an hour away from theirs.
 */
export function robotRequest(kind: RobotKind, cfg: RobotConfig, m: OutboundMessage, nowMs: number): { url: string; body: Record<string, unknown> } {
  const title = `${m.urgent ? '【紧急】' : ''}${m.title}`;
  if (kind === 'dingtalk') {
    const url = new URL(cfg.webhookUrl);
    if (cfg.secret) {
      url.searchParams.set('timestamp', String(nowMs));
      url.searchParams.set('sign', dingtalkSign(cfg.secret, nowMs)); // URLSearchParams url-encodes the base64
    }
    return { url: url.toString(), body: { msgtype: 'markdown', markdown: { title, text: markdownText(m) } } };
  }
  if (kind === 'wecom') {
    // WeCom limits markdown content to 4096 bytes; a notice is far shorter, but never send more.
    const content = truncateBytes(markdownText(m), 4000);
    return { url: cfg.webhookUrl, body: { msgtype: 'markdown', markdown: { content } } };
  }
  const text = [title, m.body, ...(m.url ? [m.url] : [])].filter(Boolean).join('\n');
  const body: Record<string, unknown> = { msg_type: 'text', content: { text } };
  if (cfg.secret) {
    const ts = Math.floor(nowMs / 1000);
    body.timestamp = String(ts);
    body.sign = feishuSign(cfg.secret, ts);
  }
  return { url: cfg.webhookUrl, body };
}

/**
 * One robot message through the outbound guard (no internal addresses unless allowed, no
 * redirects). A failure names the status or the robot's error code, never the body of the answer:
 * a webhook URL must not become a way to read what some other server says.
 */
export async function sendRobot(outbound: OutboundGuard, kind: RobotKind, cfg: RobotConfig, m: OutboundMessage): Promise<void> {
  const { url, body } = robotRequest(kind, cfg, m, Date.now());
  const res = await outbound.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    timeoutMs: TIMEOUT_MS,
    maxBytes: 64 * 1024,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(res.text);
  } catch {
    throw new Error(`HTTP ${res.status}: the answer is not a robot's JSON`);
  }
  // DingTalk and WeCom answer {errcode, errmsg}; Feishu {code, msg} (older hooks {StatusCode, StatusMessage}).
  const code = kind === 'feishu' ? (answer.code ?? answer.StatusCode ?? 0) : (answer.errcode ?? 0);
  if (code !== 0 && code !== '0') {
    const msg = answer.errmsg ?? answer.msg ?? answer.StatusMessage ?? '';
    throw new Error(`${kind === 'feishu' ? 'code' : 'errcode'} ${String(code)}${msg ? `: ${String(msg)}` : ''}`);
  }
}

function truncateBytes(s: string, max: number): string {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= max) return s;
  return buf.subarray(0, max).toString('utf8').replace(/\uFFFD$/, '') + '…';
}
