import { can, type Actor } from '../../platform/access.js';
import type { Work } from '../../platform/work.js';
import { fileUrls } from '../../platform/files/routes.js';
import { levelOfColor, type WarningColor } from '../../../core/warnings/index.js';
import type { ResponseRow, WarningRow, WarningStore } from './store.js';
import { canAnswer, isOpenResponse } from './policies.js';

const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);

/** 'expired' is not stored: an active warning whose expiry passed reads as expired. */
export function stateOf(w: WarningRow, now: Date): string {
  if (w.state === 'active' && w.expires && new Date(w.expires).getTime() <= now.getTime()) return 'expired';
  return w.state;
}

export function summaryOf(w: WarningRow, responses: ResponseRow[], now: Date) {
  return {
    id: w.id,
    identifier: w.identifier,
    sourceKind: w.source_kind,
    sourceName: w.source_name,
    status: w.status,
    msgType: w.msg_type,
    eventType: w.event_type,
    event: w.event,
    color: w.color,
    level: levelOfColor(w.color as WarningColor),
    headline: w.headline,
    areaDesc: w.area_desc,
    effective: iso(w.effective),
    expires: iso(w.expires),
    sentAt: iso(w.sent_at)!,
    state: stateOf(w, now),
    loop: w.loop,
    responses: responses.map((r) => ({ departmentId: r.department_id, departmentName: r.department_name, state: r.state })),
    createdAt: iso(w.created_at)!,
    updatedAt: iso(w.updated_at)!,
    version: w.version,
  };
}

/** WarningDetail: the summary with the text, the messages and every department's answer. */
export async function detailOf(w: Work, store: WarningStore, actor: Actor, row: WarningRow, now: Date) {
  const [responses, messages] = await Promise.all([store.responsesOf(w.tx, [row.id]), store.messagesOf(w.tx, row.id)]);
  const fileIds = [...new Set([...row.photos, ...responses.flatMap((r) => r.photos)])];
  const [files, area] = await Promise.all([store.files(w.tx, fileIds), row.area_id ? store.area(w.tx, row.area_id) : undefined]);
  const fileById = new Map(files.map((f) => [f.id, { id: f.id, name: f.original_name, mime: f.mime, ...fileUrls(f.id, !!f.thumb_sha256) }]));
  const photos = (ids: string[]) => ids.flatMap((id) => (fileById.has(id) ? [fileById.get(id)!] : []));
  const live = row.state !== 'cancelled';
  return {
    ...summaryOf(row, responses, now),
    description: row.description,
    instruction: row.instruction,
    sender: row.sender,
    senderName: row.sender_name,
    areaId: row.area_id,
    areaName: area?.name ?? null,
    equipmentId: row.equipment_id,
    sensorId: row.sensor_id,
    neighbourName: row.neighbour_name,
    photos: photos(row.photos),
    references: row.references as { sender: string; identifier: string; sent: string }[],
    messages: messages.map((m) => ({ identifier: m.identifier, sender: m.sender, msgType: m.msg_type, status: m.status, sentAt: iso(m.sent_at)!, receivedAt: iso(m.received_at)! })),
    responses: responses.map((r) => ({
      id: r.id,
      departmentId: r.department_id,
      departmentName: r.department_name,
      instruction: r.instruction,
      state: r.state,
      instructedAt: iso(r.instructed_at)!,
      dueAt: iso(r.due_at)!,
      acknowledgedAt: iso(r.acknowledged_at),
      acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, name: r.acknowledged_by_name ?? '' } : null,
      reportedAt: iso(r.reported_at),
      reportedBy: r.reported_by ? { id: r.reported_by, name: r.reported_by_name ?? '' } : null,
      measures: r.measures,
      photos: photos(r.photos),
      overdueAt: iso(r.overdue_at),
      escalatedAt: iso(r.escalated_at),
      canAct: live && isOpenResponse(r.state) && canAnswer(actor, { departmentId: r.department_id }),
      version: r.version,
    })),
    matchedRules: row.matched_rules as { id: string; name: string }[],
    hazardId: row.hazard_id,
    flowInstanceId: row.flow_instance_id,
    colorRises: (row.color_rises ?? []) as unknown as { from: string; to: string; at: string; value: number }[],
    clearedAt: iso(row.cleared_at),
    closedAt: iso(row.closed_at),
    cancelledAt: iso(row.cancelled_at),
    cancelReason: row.cancel_reason,
    can: { cancel: live && row.source_kind !== 'cap' && can(actor, 'warnings.manage') },
  };
}

export type WarningDetail = Awaited<ReturnType<typeof detailOf>>;
