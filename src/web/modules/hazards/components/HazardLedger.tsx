/**
 * 隐患台账 export and import on the hazard list. Export downloads the list with its current
 * filters; import checks the workbook first (a dry run) and shows every row — each good row as it
 * will be imported, or each bad cell with its problem — and imports only when the user confirms.
 */
import { useState } from 'react';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Table, Tag, Tooltip, Typography, Upload, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, buildUrl, request } from '../../../platform/api/client';
import { errorText } from '../../../ui/errors';
import { formatDateTime } from '../../../ui/DateTime';
import type { HazardListQuery } from '../api';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 10 * 1024 * 1024;

interface CheckedRow {
  row: number;
  legacyCode: string | null;
  title: string;
  status: string;
  grade: 'general' | 'major' | null;
  reportedAt: string;
}
interface ImportAnswer {
  imported: number;
  valid: number;
  checked?: CheckedRow[];
}
interface BadCell {
  key: string;
  row: number | null;
  column: string;
  problem: string;
}

/** The list's filters as the export's query (paging left out: the export takes the whole selection). */
export function exportUrl(q: HazardListQuery): string {
  const { page: _page, pageSize: _size, ...rest } = q;
  return buildUrl('/hazards/export', { ...rest, mine: q.mine ? 'true' : undefined, overdue: q.overdue ? 'true' : undefined });
}

export function ExportButton({ query }: { query: HazardListQuery }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('hazardLedger.exportHint')}>
      <Button icon={<DownloadOutlined />} href={exportUrl(query)} download data-testid="hazard-export">
        {t('hazardLedger.export')}
      </Button>
    </Tooltip>
  );
}

/** `rows.<n>.<column>` → row n, that column; anything else is about the file as a whole. */
function badCells(err: ApiError, fileLabel: string): BadCell[] {
  return err.details.map((d, i) => {
    const m = /^rows\.(\d+)\.(.+)$/.exec(d.path);
    return { key: `${i}`, row: m ? Number(m[1]) : null, column: m ? m[2] : d.path.startsWith('columns.') ? d.path.slice(8) : fileLabel, problem: d.message };
  });
}

async function sendLedger(file: File, dryRun: boolean) {
  return request<ImportAnswer>('POST', '/hazards/import', { body: file, headers: { 'Content-Type': XLSX }, query: dryRun ? { dryRun: 'true' } : undefined });
}

export function ImportButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<CheckedRow[] | null>(null);
  const [bad, setBad] = useState<BadCell[] | null>(null);

  const reset = () => {
    setFile(null);
    setChecked(null);
    setBad(null);
  };
  const check = async (f: File) => {
    reset();
    if (f.size > MAX_BYTES) return void message.error(t('hazardLedger.tooBig'));
    setFile(f);
    setBusy(true);
    try {
      const answer = await sendLedger(f, true);
      setChecked(answer.checked ?? []);
    } catch (err) {
      if (err instanceof ApiError && err.details.length) setBad(badCells(err, t('hazardLedger.fileError')));
      else message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const answer = await sendLedger(file, false);
      message.success(t('hazardLedger.imported', { count: answer.imported }));
      void qc.invalidateQueries({ queryKey: ['hazards'] });
      setOpen(false);
      reset();
    } catch (err) {
      if (err instanceof ApiError && err.details.length) setBad(badCells(err, t('hazardLedger.fileError')));
      else message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="hazard-import">
        {t('hazardLedger.import')}
      </Button>
      <Modal
        title={t('hazardLedger.title')}
        open={open}
        width={960}
        onCancel={() => {
          setOpen(false);
          reset();
        }}
        okText={t('hazardLedger.confirm', { count: checked?.length ?? 0 })}
        okButtonProps={{ disabled: !checked?.length, 'data-testid': 'hazard-import-confirm' } as ButtonProps}
        onOk={confirm}
        confirmLoading={busy && !!checked}
        destroyOnHidden
      >
        <Flex vertical gap={12} data-testid="hazard-import-dialog">
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('hazardLedger.intro')}
          </Typography.Paragraph>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              void check(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy && !checked} data-testid="hazard-import-file">
              {file ? file.name : t('hazardLedger.choose')}
            </Button>
          </Upload>
          {busy && !checked && !bad && <Alert type="info" showIcon message={t('hazardLedger.checking')} />}
          {checked && (
            <>
              <Alert type="success" showIcon message={t('hazardLedger.checkedOk', { count: checked.length })} data-testid="hazard-import-ok" />
              <Table<CheckedRow>
                size="small"
                rowKey="row"
                dataSource={checked}
                pagination={checked.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                scroll={{ x: 720 }}
                data-testid="hazard-import-rows"
                columns={[
                  { title: t('hazardLedger.col.row'), dataIndex: 'row', width: 64 },
                  { title: t('hazardLedger.col.legacyCode'), dataIndex: 'legacyCode', width: 110, render: (v: string | null) => v ?? '—' },
                  { title: t('hazardLedger.col.title'), dataIndex: 'title', ellipsis: true },
                  { title: t('hazardLedger.col.status'), dataIndex: 'status', width: 90, render: (v: string) => t(`hazards.status.${v}`, { defaultValue: v }) },
                  { title: t('hazardLedger.col.grade'), dataIndex: 'grade', width: 90, render: (v: CheckedRow['grade']) => (v ? t(`hazards.grade.${v}`) : t('hazardLedger.ungraded')) },
                  { title: t('hazardLedger.col.reportedAt'), dataIndex: 'reportedAt', width: 150, render: (v: string) => formatDateTime(v) },
                  { title: t('hazardLedger.col.result'), key: 'ok', width: 80, render: () => <Tag color="success">{t('hazardLedger.ok')}</Tag> },
                ]}
              />
            </>
          )}
          {bad && (
            <>
              <Alert type="error" showIcon message={t('hazardLedger.checkedBad', { count: bad.length })} data-testid="hazard-import-bad" />
              <Table<BadCell>
                size="small"
                rowKey="key"
                dataSource={bad}
                pagination={bad.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                data-testid="hazard-import-errors"
                columns={[
                  { title: t('hazardLedger.col.row'), dataIndex: 'row', width: 64, render: (v: number | null) => v ?? '—' },
                  { title: t('hazardLedger.col.column'), dataIndex: 'column', width: 120 },
                  { title: t('hazardLedger.col.problem'), dataIndex: 'problem' },
                ]}
              />
            </>
          )}
        </Flex>
      </Modal>
    </>
  );
}

