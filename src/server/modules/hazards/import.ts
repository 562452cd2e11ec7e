import ExcelJS from 'exceljs';
import { STATUS_LABELS, HAZARD_STATUSES, type HazardStatus } from '../../../core/hazards/lifecycle.js';
import type { ErrorDetail } from '../../platform/errors.js';

/** Largest ledger accepted in one import; split bigger ones. */
export const IMPORT_MAX_ROWS = 5000;

export interface LedgerRow {
  row: number;
  legacyCode: string | null;
  title: string;
  description: string;
  status: HazardStatus;
  grade: 'general' | 'major' | null;
  areaId: string | null;
  equipmentId: string | null;
  departmentId: string;
  responsibleDepartmentId: string | null;
  deadline: Date | null;
  reportedAt: Date;
  closedAt: Date | null;
}

export interface Lookups {
  areas: Map<string, string>; // name or code → id
  equipment: Map<string, string>; // code → id
  departments: Map<string, string>; // name or code → id
}

/** Column headers, the same as the export writes, so an exported ledger re-imports as it is. */
const COLUMNS = {
  legacyCode: ['隐患编号', '原编号'],
  title: ['标题', '隐患名称'],
  description: ['描述', '隐患描述'],
  status: ['状态'],
  grade: ['隐患等级', '等级'],
  area: ['区域', '所在区域'],
  equipment: ['设备'],
  department: ['所在部门', '部门'],
  responsible: ['责任部门'],
  deadline: ['整改期限'],
  reportedAt: ['上报时间', '发现时间'],
  closedAt: ['销号时间'],
} as const;

const GRADES: Record<string, 'general' | 'major' | null> = { 一般隐患: 'general', 一般: 'general', 重大隐患: 'major', 重大: 'major', 未定级: null, '': null };
const STATUS_BY_LABEL = new Map<string, HazardStatus>(HAZARD_STATUSES.flatMap((s) => [[STATUS_LABELS[s], s], [s, s]] as [string, HazardStatus][]));
STATUS_BY_LABEL.set('已评估', 'assessed');

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return String(v.result ?? '').trim();
  }
  return String(v).trim();
}

const LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function date(v: ExcelJS.CellValue): Date | null | 'invalid' {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v;
  const s = text(v).replace(/[/.]/g, '-');
  if (!s) return null;
  const m = LOCAL.exec(s);
  // a plain "2026-5-3 14:20" in a paper ledger means Beijing time
  const d = m
    ? new Date(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}T${(m[4] ?? '0').padStart(2, '0')}:${m[5] ?? '00'}:${m[6] ?? '00'}+08:00`)
    : new Date(s);
  return Number.isNaN(d.getTime()) ? 'invalid' : d;
}

/**
 * Read a ledger and check every row against the organisation's reference data. Either every row
 * is good (rows returned) or the errors name each bad cell (`rows.<n>.<column>`): nothing is
 * imported half.
 */
export async function readLedger(data: Buffer, lookups: Lookups, now: Date): Promise<{ rows: LedgerRow[]; errors: ErrorDetail[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as never);
  } catch {
    return { rows: [], errors: [{ path: 'file', message: 'not a readable .xlsx workbook' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], errors: [{ path: 'file', message: 'the workbook has no sheet' }] };
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => header.set(text(cell.value), col));
  const colOf = (k: keyof typeof COLUMNS) => COLUMNS[k].map((h) => header.get(h)).find((c) => c !== undefined);
  const errors: ErrorDetail[] = [];
  for (const required of ['title', 'department', 'reportedAt'] as const) {
    if (!colOf(required)) errors.push({ path: `columns.${COLUMNS[required][0]}`, message: `missing column ${COLUMNS[required][0]}` });
  }
  if (errors.length) return { rows: [], errors };
  if (ws.rowCount - 1 > IMPORT_MAX_ROWS) return { rows: [], errors: [{ path: 'file', message: `at most ${IMPORT_MAX_ROWS} rows per import` }] };

  const rows: LedgerRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cell = (k: keyof typeof COLUMNS) => {
      const c = colOf(k);
      return c ? row.getCell(c).value : null;
    };
    if (Object.keys(COLUMNS).every((k) => !text(cell(k as keyof typeof COLUMNS)))) continue; // blank line
    const bad = (column: string, message: string) => errors.push({ path: `rows.${r}.${column}`, message });
    const title = text(cell('title'));
    if (!title) bad('标题', 'required');
    if (title.length > 200) bad('标题', 'at most 200 characters');
    const statusText = text(cell('status'));
    const status = statusText ? STATUS_BY_LABEL.get(statusText) : 'closed';
    if (!status) bad('状态', `unknown status ${statusText}`);
    const gradeText = text(cell('grade'));
    const grade = gradeText in GRADES ? GRADES[gradeText] : undefined;
    if (grade === undefined) bad('隐患等级', `unknown grade ${gradeText}`);
    const lookup = (k: 'area' | 'equipment' | 'department' | 'responsible', map: Map<string, string>, column: string) => {
      const v = text(cell(k));
      if (!v) return null;
      const key = k === 'equipment' ? v.split(/\s+/)[0] : v;
      const id = map.get(key);
      if (!id) bad(column, `unknown: ${v}`);
      return id ?? null;
    };
    const areaId = lookup('area', lookups.areas, '区域');
    const equipmentId = lookup('equipment', lookups.equipment, '设备');
    const departmentId = lookup('department', lookups.departments, '所在部门');
    if (!text(cell('department'))) bad('所在部门', 'required');
    const responsibleDepartmentId = lookup('responsible', lookups.departments, '责任部门');
    const reportedAt = date(cell('reportedAt'));
    if (!reportedAt) bad('上报时间', 'required');
    else if (reportedAt === 'invalid') bad('上报时间', 'not a date');
    else if (reportedAt.getTime() > now.getTime()) bad('上报时间', 'in the future');
    const deadline = date(cell('deadline'));
    if (deadline === 'invalid') bad('整改期限', 'not a date');
    const closedAt = date(cell('closedAt'));
    if (closedAt === 'invalid') bad('销号时间', 'not a date');
    if (status === 'closed' && !closedAt) bad('销号时间', 'a closed hazard needs its closing time');
    if (status && status !== 'reported' && grade === null) bad('隐患等级', 'an assessed hazard needs its grade');
    if (errors.some((e) => e.path.startsWith(`rows.${r}.`))) continue;
    rows.push({
      row: r,
      legacyCode: text(cell('legacyCode')) || null,
      title,
      description: text(cell('description')).slice(0, 5000),
      status: status!,
      grade: grade ?? null,
      areaId,
      equipmentId,
      departmentId: departmentId!,
      responsibleDepartmentId,
      deadline: deadline as Date | null,
      reportedAt: reportedAt as Date,
      closedAt: status === 'closed' ? (closedAt as Date) : null,
    });
  }
  if (!rows.length && !errors.length) errors.push({ path: 'file', message: 'no rows to import' });
  return { rows, errors };
}
