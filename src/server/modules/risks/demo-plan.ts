/**
 * The demo company's site plan (厂区总平面图): one layout from which both the image (an SVG
 * rendered to PNG with sharp) and the area outlines of the risk map are made, so the outlines
 * match the drawing exactly. Coordinates are image pixels (x right, y down) on a 1600 × 1000 plan.
 */
import type { Polygon } from '../../../core/risks/index.js';

export const PLAN_WIDTH = 1600;
export const PLAN_HEIGHT = 1000;

const rect = (x1: number, y1: number, x2: number, y2: number): Polygon => [
  [x1, y1],
  [x2, y1],
  [x2, y2],
  [x1, y2],
];

interface PlanArea {
  /** The demo area's code (seed/demo-data.ts AREAS). */
  code: string;
  label: string;
  outline: Polygon;
  /** Where the label goes (default: the middle of the bounding box). */
  labelAt?: [number, number];
  fill: string;
  /** Drawn as a building (roads and yards are not). */
  building: boolean;
  /** Small inner drawings: machine rows, shelves, tanks … */
  detail?: 'machines' | 'shelves' | 'tanks' | 'beds' | 'tables' | 'desks' | 'boiler' | 'cabinets' | 'drums' | 'booths' | 'presses' | 'welders' | 'assembly';
}

/** The main road (east–west), the avenue (north–south) and the car park, one outline: 厂区道路及停车场. */
const ROADS: Polygon = [
  [30, 470],
  [760, 470],
  [760, 30],
  [820, 30],
  [820, 470],
  [1570, 470],
  [1570, 530],
  [1540, 530],
  [1540, 930],
  [1240, 930],
  [1240, 530],
  [820, 530],
  [820, 970],
  [760, 970],
  [760, 530],
  [30, 530],
];

export const PLAN_AREAS: PlanArea[] = [
  { code: 'A01', label: '一号机加工车间', outline: rect(60, 60, 390, 260), fill: '#dde5ee', building: true, detail: 'machines' },
  { code: 'A02', label: '二号装配车间', outline: rect(410, 60, 740, 260), fill: '#dde5ee', building: true, detail: 'assembly' },
  { code: 'A03', label: '焊接车间', outline: rect(60, 280, 270, 450), fill: '#dde5ee', building: true, detail: 'welders' },
  { code: 'A05', label: '冲压车间', outline: rect(290, 280, 500, 450), fill: '#dde5ee', building: true, detail: 'presses' },
  { code: 'A04', label: '喷涂车间', outline: rect(520, 280, 740, 450), fill: '#dde5ee', building: true, detail: 'booths' },
  { code: 'B01', label: '原材料仓库', outline: rect(840, 60, 1110, 250), fill: '#ebe4d6', building: true, detail: 'shelves' },
  { code: 'B02', label: '成品仓库', outline: rect(1130, 60, 1380, 250), fill: '#ebe4d6', building: true, detail: 'shelves' },
  { code: 'B03', label: '危化品仓库', outline: rect(1420, 60, 1550, 190), fill: '#f2dede', building: true, detail: 'drums' },
  { code: 'C01', label: '锅炉房', outline: rect(1420, 230, 1550, 360), fill: '#e4e0f0', building: true, detail: 'boiler' },
  { code: 'C02', label: '配电房', outline: rect(1130, 290, 1250, 420), fill: '#e4e0f0', building: true, detail: 'cabinets' },
  { code: 'C03', label: '空压站', outline: rect(1270, 290, 1380, 420), fill: '#e4e0f0', building: true, detail: 'tanks' },
  { code: 'D01', label: '职工食堂', outline: rect(420, 560, 740, 740), fill: '#e3eedd', building: true, detail: 'tables' },
  {
    code: 'D02',
    label: '办公楼',
    outline: [
      [60, 560],
      [380, 560],
      [380, 700],
      [200, 700],
      [200, 800],
      [60, 800],
    ],
    labelAt: [210, 625],
    fill: '#dfeaf3',
    building: true,
    detail: 'desks',
  },
  { code: 'D03', label: '员工宿舍', outline: rect(840, 560, 1210, 800), fill: '#efe6d8', building: true, detail: 'beds' },
  { code: 'E01', label: '厂区道路及停车场', outline: ROADS, labelAt: [1390, 740], fill: '#cfd2d6', building: false },
];

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif";

function bbox(p: Polygon) {
  const xs = p.map((q) => q[0]);
  const ys = p.map((q) => q[1]);
  return { x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
}

const points = (p: Polygon) => p.map(([x, y]) => `${x},${y}`).join(' ');

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Little drawings inside a building so the plan reads like a real one. */
function detailOf(a: PlanArea): string {
  const { x1, y1, x2, y2 } = bbox(a.outline);
  const out: string[] = [];
  const grey = 'fill="#b9c3cf" stroke="#8d99a8" stroke-width="1"';
  switch (a.detail) {
    case 'machines':
      for (let row = 0; row < 2; row++) for (let i = 0; i < 6; i++) out.push(`<rect x="${x1 + 28 + i * 48}" y="${y1 + 118 + row * 38}" width="30" height="20" rx="2" ${grey}/>`);
      break;
    case 'assembly':
      out.push(`<rect x="${x1 + 30}" y="${y1 + 128}" width="${x2 - x1 - 60}" height="14" ${grey}/>`);
      out.push(`<rect x="${x1 + 30}" y="${y1 + 160}" width="${x2 - x1 - 60}" height="14" ${grey}/>`);
      // crane rails
      out.push(`<line x1="${x1 + 10}" y1="${y1 + 110}" x2="${x2 - 10}" y2="${y1 + 110}" stroke="#8d99a8" stroke-width="2" stroke-dasharray="10 6"/>`);
      out.push(`<line x1="${x1 + 10}" y1="${y2 - 12}" x2="${x2 - 10}" y2="${y2 - 12}" stroke="#8d99a8" stroke-width="2" stroke-dasharray="10 6"/>`);
      break;
    case 'welders':
      for (let i = 0; i < 4; i++) out.push(`<rect x="${x1 + 22 + i * 44}" y="${y1 + 100}" width="30" height="30" ${grey}/>`);
      break;
    case 'presses':
      for (let i = 0; i < 3; i++) out.push(`<rect x="${x1 + 30 + i * 58}" y="${y1 + 98}" width="36" height="40" rx="3" ${grey}/>`);
      break;
    case 'booths':
      out.push(`<rect x="${x1 + 24}" y="${y1 + 96}" width="80" height="52" ${grey}/>`);
      out.push(`<rect x="${x1 + 118}" y="${y1 + 96}" width="80" height="52" ${grey}/>`);
      break;
    case 'shelves':
      for (let i = 0; i < 5; i++) out.push(`<rect x="${x1 + 24 + i * ((x2 - x1 - 48) / 5)}" y="${y1 + 104}" width="${(x2 - x1 - 48) / 5 - 14}" height="64" ${grey}/>`);
      break;
    case 'drums':
      for (let i = 0; i < 4; i++) out.push(`<circle cx="${x1 + 24 + i * 27}" cy="${y1 + 98}" r="9" fill="#d7a9a9" stroke="#a86d6d"/>`);
      break;
    case 'boiler':
      out.push(`<rect x="${x1 + 22}" y="${y1 + 76}" width="60" height="30" rx="14" ${grey}/>`);
      out.push(`<circle cx="${x2 - 24}" cy="${y1 + 92}" r="10" ${grey}/>`);
      break;
    case 'cabinets':
      for (let i = 0; i < 4; i++) out.push(`<rect x="${x1 + 16 + i * 24}" y="${y1 + 82}" width="18" height="30" ${grey}/>`);
      break;
    case 'tanks':
      out.push(`<circle cx="${x1 + 30}" cy="${y1 + 96}" r="14" ${grey}/>`);
      out.push(`<circle cx="${x1 + 70}" cy="${y1 + 96}" r="14" ${grey}/>`);
      break;
    case 'tables':
      for (let row = 0; row < 2; row++) for (let i = 0; i < 5; i++) out.push(`<rect x="${x1 + 34 + i * 54}" y="${y1 + 104 + row * 34}" width="36" height="16" rx="3" ${grey}/>`);
      break;
    case 'desks':
      for (let i = 0; i < 4; i++) out.push(`<rect x="${x1 + 28 + i * 30}" y="${y1 + 160}" width="20" height="60" ${grey}/>`);
      break;
    case 'beds':
      for (let row = 0; row < 2; row++) for (let i = 0; i < 8; i++) out.push(`<rect x="${x1 + 26 + i * 42}" y="${y1 + 120 + row * 52}" width="30" height="34" ${grey}/>`);
      break;
  }
  return out.join('');
}

function trees(x1: number, y1: number, x2: number, y2: number, step = 34): string {
  const out: string[] = [];
  for (let x = x1 + step / 2; x < x2; x += step) {
    for (let y = y1 + step / 2; y < y2; y += step) out.push(`<circle cx="${x}" cy="${y}" r="9" fill="#a9cf98" stroke="#86b374"/>`);
  }
  return out.join('');
}

/** The plan as SVG: buildings with their names, roads, car park, green space, gate, north arrow, scale. */
export function sitePlanSvg(company: string): string {
  const roads = PLAN_AREAS.find((a) => a.code === 'E01')!;
  const buildings = PLAN_AREAS.filter((a) => a.building);
  const label = (a: PlanArea) => {
    const b = bbox(a.outline);
    const [cx, cy] = a.labelAt ?? [(b.x1 + b.x2) / 2, b.y1 + 40];
    const small = b.x2 - b.x1 < 160;
    return (
      `<text x="${cx}" y="${cy}" text-anchor="middle" font-size="${small ? 19 : 24}" font-weight="700" fill="#2c3440">${esc(a.label)}</text>` +
      `<text x="${cx}" y="${cy + (small ? 22 : 26)}" text-anchor="middle" font-size="${small ? 13 : 15}" fill="#65707d">${esc(a.code)}</text>`
    );
  };
  const stalls: string[] = [];
  for (let y = 560; y < 900; y += 36) {
    stalls.push(`<line x1="1262" y1="${y}" x2="1330" y2="${y}" stroke="#ffffff" stroke-width="2"/>`);
    stalls.push(`<line x1="1450" y1="${y}" x2="1518" y2="${y}" stroke="#ffffff" stroke-width="2"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PLAN_WIDTH}" height="${PLAN_HEIGHT}" viewBox="0 0 ${PLAN_WIDTH} ${PLAN_HEIGHT}" font-family="${FONT}">
  <rect width="100%" height="100%" fill="#e9ece4"/>
  <rect x="30" y="30" width="1540" height="940" fill="#f4f2ec" stroke="#6f6a60" stroke-width="6"/>
  ${trees(840, 290, 1110, 450)}
  <rect x="880" y="330" width="120" height="80" rx="8" fill="#bfe0f2" stroke="#7fb4d3" stroke-width="2"/>
  <text x="940" y="376" text-anchor="middle" font-size="15" fill="#3d6f8c">消防水池</text>
  ${trees(60, 818, 740, 852, 40)}
  <rect x="840" y="830" width="370" height="120" fill="#d9c6a5" stroke="#b89f77"/>
  <rect x="880" y="850" width="130" height="80" fill="none" stroke="#fff" stroke-width="2"/>
  <rect x="1040" y="850" width="130" height="80" fill="none" stroke="#fff" stroke-width="2"/>
  <text x="1025" y="898" text-anchor="middle" font-size="15" fill="#6d5836">运动场</text>
  <polygon points="${points(roads.outline)}" fill="${roads.fill}" stroke="#a9adb3" stroke-width="2"/>
  <line x1="40" y1="500" x2="1560" y2="500" stroke="#ffffff" stroke-width="3" stroke-dasharray="24 18"/>
  <line x1="790" y1="40" x2="790" y2="960" stroke="#ffffff" stroke-width="3" stroke-dasharray="24 18"/>
  ${stalls.join('')}
  <text x="1390" y="${740}" text-anchor="middle" font-size="22" font-weight="700" fill="#2c3440">停车场</text>
  <text x="1390" y="${766}" text-anchor="middle" font-size="14" fill="#65707d">厂区道路及停车场 E01</text>
  <text x="400" y="492" text-anchor="middle" font-size="15" fill="#4a525c">厂区主干道（限速 5 km/h）</text>
  ${buildings
    .map(
      (a) =>
        `<polygon points="${points(a.outline)}" fill="${a.fill}" stroke="#6f7b89" stroke-width="2.5"/>${detailOf(a)}${label(a)}`,
    )
    .join('\n  ')}
  <rect x="752" y="962" width="76" height="16" fill="#f4f2ec"/>
  <text x="790" y="992" text-anchor="middle" font-size="16" font-weight="700" fill="#2c3440">大门</text>
  <rect x="840" y="930" width="60" height="32" fill="#dfe6ee" stroke="#6f7b89" stroke-width="2"/>
  <text x="870" y="951" text-anchor="middle" font-size="12" fill="#2c3440">门卫</text>
  <text x="400" y="896" text-anchor="middle" font-size="26" font-weight="700" fill="#2c3440">${esc(company)}</text>
  <text x="400" y="928" text-anchor="middle" font-size="18" fill="#4a525c">厂区总平面图</text>
  <g transform="translate(690, 912)">
    <polygon points="0,-40 12,0 0,-8 -12,0" fill="#2c3440"/>
    <text x="0" y="20" text-anchor="middle" font-size="16" font-weight="700" fill="#2c3440">北</text>
  </g>
  <g transform="translate(90, 912)">
    <rect x="0" y="0" width="50" height="8" fill="#2c3440"/>
    <rect x="50" y="0" width="50" height="8" fill="#fff" stroke="#2c3440"/>
    <text x="0" y="26" font-size="12" fill="#2c3440">0</text>
    <text x="100" y="26" text-anchor="middle" font-size="12" fill="#2c3440">20 m</text>
  </g>
</svg>`;
}
