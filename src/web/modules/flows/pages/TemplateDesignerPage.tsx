/**
 * 流程模板设计: a new template (/flows/templates/new) or a version of one (/flows/templates/:id).
 * Saving a new template creates version 1; saving an existing one creates the next version
 * (baseVersion guards against overwriting someone else's). Old versions and users without
 * flows.design see the designer read-only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApartmentOutlined, ArrowLeftOutlined, ExpandOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import { parseDefinition } from '../../../../core/flows';
import { isApiError } from '../../../platform/api/client';
import { useAuth } from '../../../platform/auth/AuthProvider';
import { formatDateTime } from '../../../ui/DateTime';
import { errorText } from '../../../ui/errors';
import { ErrorState, Forbidden, PageLoading } from '../../../ui/States';
import { useIsPhone } from '../../../ui/useIsPhone';
import { usePageTitle } from '../../../ui/usePageTitle';
import { Designer, type DesignerState } from '../designer/Designer';
import { validate, type Issue } from '../designer/issues';
import { blankDoc, toDoc, type DesignerDoc } from '../designer/model';
import { FLOWS_DESIGN } from '../permissions';
import { templateApi, useFlowDepartments, useSaveTemplate, useTemplate, type TemplateBody, type TemplateDetail } from '../designer/templateApi';

const snapshotOf = (s: DesignerState) => JSON.stringify([s.doc.meta, s.definition]);

function Editor({ template, initial, layoutOnLoad }: { template: TemplateDetail | null; initial: DesignerDoc; layoutOnLoad: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const canDesign = useAuth().can(FLOWS_DESIGN);
  const departments = useFlowDepartments();
  const save = useSaveTemplate();
  const isNew = !template;

  const latest = template ? template.versions.reduce((a, v) => (v.version > a.version ? v : a), { id: template.id, version: template.version, createdAt: template.createdAt, createdBy: template.createdBy }) : null;
  const isOld = !!template && !!latest && latest.version > template.version;
  const readOnly = !canDesign || isOld || phone;

  const [state, setState] = useState<DesignerState | null>(null);
  const baseline = useRef<string | null>(null);
  const leaving = useRef(false);
  const [server, setServer] = useState<{ issues: Issue[]; snapshot: string } | null>(null);
  const [conflict, setConflict] = useState(false);

  const onState = useCallback((s: DesignerState) => {
    baseline.current ??= snapshotOf(s);
    setState(s);
  }, []);
  const snapshot = state ? snapshotOf(state) : null;
  const dirty = !!snapshot && snapshot !== baseline.current;
  const serverIssues = useMemo(() => (server && server.snapshot === snapshot ? server.issues : []), [server, snapshot]);

  const name = state?.doc.meta.name.trim() || template?.name || t('flowDesigner.newTitle');
  usePageTitle(isNew ? t('flowDesigner.newTitle') : name);

  // unsaved work: ask before leaving the page or the site
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !readOnly && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('flowDesigner.leave.title'),
      content: t('flowDesigner.leave.content'),
      okText: t('flowDesigner.leave.ok'),
      okButtonProps: { danger: true },
      cancelText: t('flowDesigner.leave.cancel'),
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty || readOnly) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (!leaving.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, readOnly]);

  /** After a conflict: the newest version of this template, fetched afresh. */
  const [reloading, setReloading] = useState(false);
  const openLatest = async () => {
    if (!template) return;
    setReloading(true);
    try {
      const fresh = await templateApi.get(template.id);
      const newest = fresh.versions.reduce((a, v) => (v.version > a.version ? v : a), { id: fresh.id, version: fresh.version });
      leaving.current = true;
      navigate(`/flows/templates/${newest.id}`);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setReloading(false);
    }
  };

  const doSave = async () => {
    if (!state?.valid || readOnly) return;
    // validation runs on a deferred copy: check what is on screen now, and send that
    if (!validate(state.doc, state.definition).ok) return;
    const parsed = parseDefinition(state.definition);
    if (!parsed.ok) return;
    const meta = state.doc.meta;
    const body: TemplateBody = {
      ...(isNew && meta.key.trim() ? { key: meta.key.trim() } : {}),
      name: meta.name.trim(),
      ...(meta.description.trim() ? { description: meta.description.trim() } : {}),
      category: meta.category,
      subjectTypes: meta.subjectTypes,
      keywords: meta.keywords,
      definition: parsed.definition,
    };
    const sent = snapshotOf(state);
    try {
      const saved = await save.mutateAsync({ id: template?.id ?? null, baseVersion: template?.version ?? null, body });
      message.success(t('flowDesigner.saved', { version: saved.version }));
      leaving.current = true;
      baseline.current = sent;
      navigate(`/flows/templates/${saved.id}`, { replace: true });
    } catch (err) {
      if (isApiError(err) && err.isVersionConflict) {
        setConflict(true);
        return;
      }
      // 422, or a key another template already has (DUPLICATE): shown against the definition or the field
      if (isApiError(err) && (err.isValidation || err.code === 'DUPLICATE') && err.details.length) {
        setServer({ issues: err.details.map((d) => ({ path: d.path, message: d.message })), snapshot: sent });
        message.error(t('flowDesigner.serverRejected'));
        return;
      }
      message.error(errorText(err, t));
    }
  };

  const header = ({ autoLayout, fit }: { autoLayout: () => void; fit: () => void }) => (
    <div className="fd-header">
      <div className="fd-header-title">
        <Tooltip title={t('flowDesigner.backToList')}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/flows/templates')} aria-label={t('flowDesigner.backToList')} />
        </Tooltip>
        <Typography.Title level={4} title={name}>
          {name}
        </Typography.Title>
        {template ? (
          <Tag color={isOld ? 'default' : 'blue'} data-testid="designer-version">
            {t('flowDesigner.versionN', { version: template.version })}
            {!isOld && ` · ${t('flowDesigner.latest')}`}
          </Tag>
        ) : (
          <Tag color="green">{t('flowDesigner.newTag')}</Tag>
        )}
        {template?.builtin && <Tag>{t('flowDesigner.builtin')}</Tag>}
        {readOnly && <Tag color="orange">{t('flowDesigner.readOnly')}</Tag>}
        {dirty && !readOnly && (
          <Tag color="gold" data-testid="designer-dirty">
            {t('flowDesigner.unsaved')}
          </Tag>
        )}
      </div>
      <Flex gap={8} align="center" wrap>
        {template && template.versions.length > 1 && (
          <Select
            size="middle"
            style={{ width: 210 }}
            value={template.id}
            onChange={(id: string) => navigate(`/flows/templates/${id}`)}
            data-testid="designer-version-select"
            options={[...template.versions]
              .sort((a, b) => b.version - a.version)
              .map((v) => ({
                value: v.id,
                label: `${t('flowDesigner.versionN', { version: v.version })} · ${formatDateTime(v.createdAt)}`,
              }))}
          />
        )}
        {!readOnly && (
          <Button icon={<ApartmentOutlined />} onClick={autoLayout} data-testid="designer-layout">
            {t('flowDesigner.autoLayout')}
          </Button>
        )}
        <Button icon={<ExpandOutlined />} onClick={fit}>
          {t('flowDesigner.fit')}
        </Button>
        {!readOnly && (
          <Tooltip title={state && !state.valid ? t('flowDesigner.saveBlocked', { count: state.issueCount }) : !dirty && !isNew ? t('flowDesigner.noChanges') : undefined}>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              disabled={!state?.valid || (!isNew && !dirty) || conflict}
              onClick={() => void doSave()}
              data-testid="designer-save"
            >
              {isNew ? t('flowDesigner.saveNew') : t('flowDesigner.saveVersion')}
            </Button>
          </Tooltip>
        )}
      </Flex>
    </div>
  );

  const notices = (
    <div className="fd-notices">
      {conflict && (
        <Alert
          type="error"
          showIcon
          data-testid="designer-conflict"
          title={t('flowDesigner.conflict.title')}
          description={t('flowDesigner.conflict.content')}
          action={
            <Button size="small" danger loading={reloading} onClick={() => void openLatest()} data-testid="designer-conflict-reload">
              {t('flowDesigner.conflict.reload')}
            </Button>
          }
        />
      )}
      {isOld && latest && (
        <Alert
          type="warning"
          showIcon
          banner
          data-testid="designer-old-version"
          title={t('flowDesigner.oldVersion', { version: template!.version, latest: latest.version })}
          action={
            <Button size="small" onClick={() => navigate(`/flows/templates/${latest.id}`)}>
              {t('flowDesigner.openLatest')}
            </Button>
          }
        />
      )}
      {!canDesign && !isOld && <Alert type="info" showIcon banner title={t('flowDesigner.noPermission')} />}
      {phone && canDesign && <Alert type="info" showIcon banner title={t('flowDesigner.phoneReadOnly')} />}
    </div>
  );

  return (
    <Designer
      initial={initial}
      layoutOnLoad={layoutOnLoad}
      readOnly={readOnly}
      isNew={isNew}
      departments={departments.data?.items ?? template?.departments ?? []}
      serverIssues={serverIssues}
      onState={onState}
      header={header}
      notices={notices}
    />
  );
}

export default function TemplateDesignerPage() {
  const params = useParams();
  const id = params.id && params.id !== 'new' ? params.id : null;
  const canDesign = useAuth().can(FLOWS_DESIGN);
  const detail = useTemplate(id);

  const prepared = useMemo(() => {
    if (!id) return { doc: blankDoc(), needsLayout: false };
    if (!detail.data) return null;
    const d = detail.data;
    return toDoc({ key: d.key, name: d.name, description: d.description, category: d.category, subjectTypes: d.subjectTypes, keywords: d.keywords, definition: d.definition });
    // the working copy is made once per template version
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, detail.data?.id, detail.data?.version]);

  if (!id && !canDesign) return <Forbidden />;
  if (id && detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!prepared || (id && !detail.data)) return <PageLoading />;
  return <Editor key={id ? `${id}:${detail.data!.version}` : 'new'} template={id ? detail.data! : null} initial={prepared.doc} layoutOnLoad={prepared.needsLayout} />;
}
