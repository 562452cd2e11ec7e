import ExcelJS from 'exceljs';
import { isOverdue, STATUS_LABELS, type HazardStatus } from '../../../core/hazards/lifecycle.js';
import type { HazardRow } from './store.js';

/** At most this many rows per export; a larger selection asks the user to narrow the filter. */
export { EXPORT_LIMIT } from './store.js';

const GRADE = { general: '一般隐患', major: '重大隐患' } as Record<string, string>;
const time = (d: Date | string | null) => (d ? new Date(d) : null);

/** The filtered hazard list as an Excel ledger (隐患台账), Chinese headers, dates as real dates. */
export async function hazardWorkbook(rows: HazardRow[], now: Date, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '智安';
  wb.created = now;
  const ws = wb.addWorksheet('隐患台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '隐患编号', key: 'code', width: 16 },
    { header: '标题', key: 'title', width: 30 },
    { header: '描述', key: 'description', width: 40 },
    { header: '状态', key: 'status', width: 10 },
    { header: '隐患等级', key: 'grade', width: 10 },
    { header: '风险等级', key: 'risk', width: 10 },
    { header: '区域', key: 'area', width: 16 },
    { header: '设备', key: 'equipment', width: 22 },
    { header: '所在部门', key: 'department', width: 12 },
    { header: '责任部门', key: 'responsible', width: 12 },
    { header: '责任人', key: 'responsibleUser', width: 10 },
    { header: '整改期限', key: 'deadline', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: '是否逾期', key: 'overdue', width: 9 },
    { header: '上报人', key: 'reporter', width: 10 },
    { header: '上报时间', key: 'reportedAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: '销号时间', key: 'closedAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      code: r.code,
      title: r.title,
      description: r.description,
      status: STATUS_LABELS[r.status as HazardStatus] ?? r.status,
      grade: r.grade ? GRADE[r.grade] : '未定级',
      risk: r.risk_level ?? '',
      area: r.area_name ?? '',
      equipment: r.equipment_name ? `${r.equipment_code} ${r.equipment_name}` : '',
      department: r.department_name,
      responsible: r.responsible_department_name ?? '',
      responsibleUser: r.responsible_user_name ?? '',
      deadline: time(r.deadline),
      overdue: isOverdue({ status: r.status, deadline: r.deadline }, now) ? '是' : '否',
      reporter: r.reporter_name ?? '',
      reportedAt: time(r.reported_at),
      closedAt: time(r.closed_at),
    });
  }
  ws.autoFilter = { from: 'A1', to: 'P1' };
  wb.title = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
