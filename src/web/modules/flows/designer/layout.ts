/** Left-to-right auto layout (dagre) for templates saved without positions, and on request. */
import dagre from '@dagrejs/dagre';
import type { DesignerEdge, DesignerNode } from './model';

/** Drawn sizes of each node type (kept in step with designer.css). */
export const NODE_SIZE: Record<DesignerNode['type'], { width: number; height: number }> = {
  start: { width: 48, height: 48 },
  end: { width: 48, height: 48 },
  gateway: { width: 52, height: 52 },
  task: { width: 156, height: 80 },
};

/** New positions (node centres) for every node; edges keep their ids. */
export function autoLayout(nodes: DesignerNode[], edges: DesignerEdge[]): DesignerNode[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 72, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    const size = NODE_SIZE[n.type];
    // leave room for a gateway's or end's caption under it
    g.setNode(n.id, { width: size.width, height: n.type === 'task' ? size.height : size.height + 24 });
  }
  const ids = new Set(nodes.map((n) => n.id));
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return nodes.map((n) => {
    const p = g.node(n.id);
    return p ? ({ ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } as DesignerNode) : n;
  });
}
