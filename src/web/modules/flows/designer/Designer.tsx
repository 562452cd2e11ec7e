/**
 * The flow-template designer: palette, React Flow canvas, property panel and live validation
 * (the same parseDefinition the server runs). Holds the working copy; the page loads and saves.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './designer.css';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from '../../../../core/flows';
import { DesignerContext, type DesignerContextValue } from './context';
import { conditionSummary, fieldOptions } from './ConditionEditor';
import { ErrorsPanel } from './ErrorsPanel';
import { validate, type Issue, type Located } from './issues';
import { autoLayout } from './layout';
import { freeId, ID_PREFIX, newNode, renameStep, takenIds, toDefinition, type DesignerDoc, type DesignerEdge, type DesignerNode, type PaletteKind } from './model';
import { NODE_TYPES } from './nodes';
import { DRAG_TYPE, Palette } from './Palette';
import { EdgePanel, StepPanel } from './StepPanel';
import { TemplatePanel, type TemplateTab } from './TemplatePanel';
import type { FlowDepartment } from './templateApi';

export interface DesignerState {
  doc: DesignerDoc;
  definition: ReturnType<typeof toDefinition>;
  /** The canonical definition when valid. */
  valid: FlowDefinition | null;
  issueCount: number;
}

interface Props {
  initial: DesignerDoc;
  /** Lay the steps out on first show (the template had no positions). */
  layoutOnLoad: boolean;
  readOnly: boolean;
  isNew: boolean;
  departments: FlowDepartment[];
  /** Issues the server reported for the definition last sent (422), shown until the next edit. */
  serverIssues: Issue[];
  /** Called with every change (the page decides about saving). */
  onState: (s: DesignerState) => void;
  /** Rendered above the canvas (title, buttons); gets the auto-layout action. */
  header: (actions: { autoLayout: () => void; fit: () => void }) => ReactNode;
  /** Shown above the columns (read-only and conflict notices). */
  notices?: ReactNode;
}

const EDGE_DEFAULTS = { type: 'smoothstep', markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } } as const;

function DesignerInner({ initial, layoutOnLoad, readOnly, isNew, departments, serverIssues, onState, header, notices }: Props) {
  const { t } = useTranslation();
  const flow = useReactFlow<DesignerNode, DesignerEdge>();
  const canvasRef = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<DesignerDoc>(() => (layoutOnLoad ? { ...initial, nodes: autoLayout(initial.nodes, initial.edges) } : initial));
  const [tab, setTab] = useState<TemplateTab>('basic');
  const addCount = useRef(0);

  const definition = useMemo(() => toDefinition(doc), [doc]);
  // dragging re-renders many times a second; validation may lag a frame behind
  const deferredDoc = useDeferredValue(doc);
  const deferredDefinition = useMemo(() => toDefinition(deferredDoc), [deferredDoc]);
  const validation = useMemo(() => validate(deferredDoc, deferredDefinition, serverIssues), [deferredDoc, deferredDefinition, serverIssues]);

  useEffect(() => {
    onState({ doc, definition, valid: validation.ok ? (deferredDefinition as FlowDefinition) : null, issueCount: validation.issues.length });
  }, [doc, definition, validation, deferredDefinition, onState]);

  const departmentName = useCallback((code: string) => departments.find((d) => d.code === code)?.name ?? null, [departments]);
  const ctx = useMemo<DesignerContextValue>(() => ({ departmentName, badNodes: validation.badNodes, readOnly }), [departmentName, validation.badNodes, readOnly]);

  // ---- canvas events ---------------------------------------------------------------------
  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => {
      const allowed = readOnly ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions') : changes;
      if (allowed.length) setDoc((d) => ({ ...d, nodes: applyNodeChanges(allowed, d.nodes) }));
    },
    [readOnly],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<DesignerEdge>[]) => {
      const allowed = readOnly ? changes.filter((c) => c.type === 'select') : changes;
      if (allowed.length) setDoc((d) => ({ ...d, edges: applyEdgeChanges(allowed, d.edges) }));
    },
    [readOnly],
  );
  const isValidConnection: IsValidConnection<DesignerEdge> = useCallback(
    (c) => {
      if (c.source === c.target) return false;
      const from = doc.nodes.find((n) => n.id === c.source);
      const to = doc.nodes.find((n) => n.id === c.target);
      if (!from || !to || from.type === 'end' || to.type === 'start') return false;
      return !doc.edges.some((e) => e.source === c.source && e.target === c.target);
    },
    [doc.nodes, doc.edges],
  );
  const onConnect = useCallback(
    (c: Connection) =>
      setDoc((d) => {
        if (d.edges.some((e) => e.source === c.source && e.target === c.target)) return d;
        const id = freeId('e', d.edges.map((e) => e.id));
        return { ...d, edges: [...d.edges.map((e) => ({ ...e, selected: false })), { id, source: c.source, target: c.target, data: {}, selected: false }] };
      }),
    [],
  );

  const addStep = useCallback(
    (kind: PaletteKind, position: { x: number; y: number }) => {
      setDoc((d) => {
        const id = freeId(ID_PREFIX[kind], takenIds(d));
        const node = { ...newNode(kind, id, position, { task: t('flowDesigner.node.newTask') }), selected: true } as DesignerNode;
        return { ...d, nodes: [...d.nodes.map((n) => ({ ...n, selected: false })), node], edges: d.edges.map((e) => ({ ...e, selected: false })) };
      });
    },
    [t],
  );

  /** Click on the palette: add in the middle of what is shown, a little apart from the last one. */
  const addInView = (kind: PaletteKind) => {
    const box = canvasRef.current?.getBoundingClientRect();
    const n = addCount.current++ % 6;
    const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    addStep(kind, { x: Math.round(centre.x + n * 24), y: Math.round(centre.y + n * 24) });
  };

  const onDragOver = (e: DragEvent) => {
    if (readOnly || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  };
  const onDrop = (e: DragEvent) => {
    const kind = e.dataTransfer.getData(DRAG_TYPE) as PaletteKind;
    if (readOnly || !kind) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addStep(kind, { x: Math.round(p.x), y: Math.round(p.y) });
  };

  // ---- selection -------------------------------------------------------------------------
  const selectedNode = doc.nodes.find((n) => n.selected);
  const selectedEdge = selectedNode ? undefined : doc.edges.find((e) => e.selected);

  const select = useCallback((what: { node?: string; edge?: string }) => {
    setDoc((d) => ({
      ...d,
      nodes: d.nodes.map((n) => (!!n.selected === (n.id === what.node) ? n : { ...n, selected: n.id === what.node })),
      edges: d.edges.map((e) => (!!e.selected === (e.id === what.edge) ? e : { ...e, selected: e.id === what.edge })),
    }));
  }, []);

  const pickIssue = (i: Located) => {
    if (i.nodeId) {
      select({ node: i.nodeId });
      void flow.fitView({ nodes: [{ id: i.nodeId }], duration: 300, maxZoom: 1.1, padding: 0.6 });
    } else if (i.edgeId) {
      select({ edge: i.edgeId });
      const e = doc.edges.find((x) => x.id === i.edgeId);
      if (e) void flow.fitView({ nodes: [{ id: e.source }, { id: e.target }], duration: 300, maxZoom: 1.1, padding: 0.4 });
    } else {
      select({});
      setTab(i.area === 'rule' ? 'rules' : i.area === 'data' ? 'data' : 'basic');
    }
  };

  const fit = useCallback(() => void flow.fitView({ duration: 300, maxZoom: 1, padding: 0.1 }), [flow]);
  const relayout = useCallback(() => {
    setDoc((d) => ({ ...d, nodes: autoLayout(d.nodes, d.edges) }));
    setTimeout(fit, 50);
  }, [fit]);

  const updateNode = (n: DesignerNode) => setDoc((d) => ({ ...d, nodes: d.nodes.map((x) => (x.id === n.id ? n : x)) }));
  const deleteNode = (id: string) =>
    setDoc((d) => ({ ...d, nodes: d.nodes.filter((n) => n.id !== id), edges: d.edges.filter((e) => e.source !== id && e.target !== id) }));
  const updateEdge = (e: DesignerEdge) => setDoc((d) => ({ ...d, edges: d.edges.map((x) => (x.id === e.id ? e : x)) }));
  const deleteEdge = (id: string) => setDoc((d) => ({ ...d, edges: d.edges.filter((e) => e.id !== id) }));

  // ---- edges as drawn --------------------------------------------------------------------
  const fields = useMemo(() => fieldOptions(doc.dataFields, doc.nodes), [doc.dataFields, doc.nodes]);
  const shownEdges = useMemo(() => {
    const conditional = new Set(doc.edges.filter((e) => e.data?.when).map((e) => e.source));
    return doc.edges.map((e) => {
      const when = e.data?.when;
      const label = e.data?.label?.trim() || (when ? conditionSummary(when, fields, t as (k: string) => string) : conditional.has(e.source) ? t('flowDesigner.edge.default') : undefined);
      const bad = validation.badEdges.has(e.id);
      return {
        ...e,
        ...EDGE_DEFAULTS,
        label,
        className: [when ? 'fd-edge-conditional' : '', bad ? 'fd-edge-invalid' : ''].filter(Boolean).join(' '),
        labelBgPadding: [6, 3] as [number, number],
        labelBgBorderRadius: 4,
        labelStyle: { fontSize: 12, fill: bad ? '#cf1322' : when ? '#0958d9' : '#595959' },
        labelBgStyle: { fill: '#fff', fillOpacity: 0.95 },
        interactionWidth: 18,
      };
    });
  }, [doc.edges, fields, t, validation.badEdges]);

  const ariaLabels = useMemo(
    () => ({
      'controls.ariaLabel': t('flowDesigner.aria.controls'),
      'controls.zoomIn.ariaLabel': t('flowDesigner.aria.zoomIn'),
      'controls.zoomOut.ariaLabel': t('flowDesigner.aria.zoomOut'),
      'controls.fitView.ariaLabel': t('flowDesigner.fit'),
      'handle.ariaLabel': t('flowDesigner.aria.handle'),
    }),
    [t],
  );

  let panel: ReactNode;
  if (selectedNode) {
    panel = (
      <StepPanel
        key={selectedNode.id}
        node={selectedNode}
        doc={doc}
        departments={departments}
        readOnly={readOnly}
        onChangeNode={updateNode}
        onRename={(from, to) => setDoc((d) => renameStep(d, from, to))}
        onDelete={() => deleteNode(selectedNode.id)}
        onSelectEdge={(id) => select({ edge: id })}
      />
    );
  } else if (selectedEdge) {
    panel = <EdgePanel key={selectedEdge.id} edge={selectedEdge} doc={doc} readOnly={readOnly} onChange={updateEdge} onDelete={() => deleteEdge(selectedEdge.id)} />;
  } else {
    panel = <TemplatePanel doc={doc} departments={departments} readOnly={readOnly} isNew={isNew} tab={tab} onTab={setTab} onChange={setDoc} />;
  }

  return (
    <DesignerContext.Provider value={ctx}>
      <div className="fd-root" data-testid="flow-designer" data-readonly={readOnly ? 'true' : 'false'}>
        {header({ autoLayout: relayout, fit })}
        {notices}
        <div className="fd-body">
          <div className="fd-center">
            {!readOnly && <Palette onAdd={addInView} />}
            <div className="fd-canvas" ref={canvasRef} data-testid="designer-canvas" onDragOver={onDragOver} onDrop={onDrop}>
              <ReactFlow<DesignerNode, DesignerEdge>
                nodes={doc.nodes}
                edges={shownEdges}
                nodeTypes={NODE_TYPES}
                nodeOrigin={[0.5, 0.5]}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onConnect={onConnect}
                isValidConnection={isValidConnection}
                nodesDraggable={!readOnly}
                nodesConnectable={!readOnly}
                edgesReconnectable={false}
                deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
                multiSelectionKeyCode={null}
                selectionKeyCode={null}
                connectionLineType={'smoothstep' as never}
                defaultEdgeOptions={EDGE_DEFAULTS}
                snapToGrid
                snapGrid={[8, 8]}
                fitView
                fitViewOptions={{ maxZoom: 1, padding: 0.1 }}
                minZoom={0.2}
                maxZoom={2}
                proOptions={{ hideAttribution: true }}
                ariaLabelConfig={ariaLabels}
                onPaneClick={() => select({})}
              >
                <Background gap={16} size={1} color="#d9dde3" />
                <Controls showInteractive={false} position="bottom-left" />
              </ReactFlow>
            </div>
            <ErrorsPanel issues={validation.issues} doc={deferredDoc} onPick={pickIssue} serverCount={serverIssues.length} readOnly={readOnly} />
          </div>
          <aside className="fd-side" data-testid="designer-panel">
            {panel}
          </aside>
        </div>
      </div>
    </DesignerContext.Provider>
  );
}

export function Designer(props: Props) {
  return (
    <ReactFlowProvider>
      <DesignerInner {...props} />
    </ReactFlowProvider>
  );
}
