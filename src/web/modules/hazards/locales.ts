/** Texts of the hazard ledger's export and import (the `hazardLedger` section). zh-CN first; en-US has the same shape. */
import type { Shape } from '../../platform/i18n/shape';

export const hazardLedgerZh = {
  export: '导出 Excel',
  exportHint: '按当前筛选条件导出隐患台账（最多 10000 条）',
  import: '导入台账',
  title: '导入历史隐患台账',
  intro: '上传 .xlsx 台账（列名与导出文件相同：隐患编号、标题、状态、隐患等级、区域、所在部门、上报时间等）。先逐行检查，确认无误后再导入；有任一行错误则不导入任何一行。',
  choose: '选择 .xlsx 文件',
  checking: '正在逐行检查…',
  checkedOk: '{{count}} 行全部可以导入，请核对后确认',
  checkedBad: '{{count}} 处错误，未导入任何数据；请修改台账后重新选择文件',
  confirm: '确认导入 {{count}} 行',
  imported: '已导入 {{count}} 条隐患，均已生成新编号并保留原编号',
  col: { row: '行号', legacyCode: '原编号', title: '标题', status: '状态', grade: '等级', reportedAt: '上报时间', result: '检查结果', column: '列', problem: '问题' },
  ok: '可导入',
  fileError: '文件',
  ungraded: '未定级',
  tooBig: '文件超过 10 MB',
};

export const hazardLedgerEn: Shape<typeof hazardLedgerZh> = {
  export: 'Export Excel',
  exportHint: 'Exports the ledger with the current filters (up to 10,000 hazards)',
  import: 'Import ledger',
  title: 'Import a legacy hazard ledger',
  intro: 'Upload an .xlsx ledger (columns as the export writes them: number, title, status, grade, area, department, reported at…). Every row is checked first; import when it looks right. If any row is wrong, nothing is imported.',
  choose: 'Choose an .xlsx file',
  checking: 'Checking each row…',
  checkedOk: 'All {{count}} rows can be imported; check them and confirm',
  checkedBad: '{{count}} error(s): nothing was imported; fix the ledger and choose the file again',
  confirm: 'Import {{count}} rows',
  imported: '{{count}} hazards imported, each with a new number and its old one kept',
  col: { row: 'Row', legacyCode: 'Old number', title: 'Title', status: 'Status', grade: 'Grade', reportedAt: 'Reported', result: 'Check', column: 'Column', problem: 'Problem' },
  ok: 'OK',
  fileError: 'File',
  ungraded: 'Not graded',
  tooBig: 'The file is larger than 10 MB',
};
