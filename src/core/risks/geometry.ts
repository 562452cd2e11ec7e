/**
 * Plane geometry of the risk map: areas are polygons in the pixel coordinates of the tenant's
 * site-plan image (x to the right, y downwards, origin at the top-left corner). Used by the
 * server (validation, hazard marker positions) and the web (drawing).
 */
export type Point = [number, number];
export type Polygon = Point[];

export const POLYGON_MAX_POINTS = 200;

/** Shoelace area, positive for either orientation. */
export function polygonArea(p: Polygon): number {
  return Math.abs(signedArea(p));
}

function signedArea(p: Polygon): number {
  let a = 0;
  for (let i = 0; i < p.length; i++) {
    const [x1, y1] = p[i];
    const [x2, y2] = p[(i + 1) % p.length];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

/** Area-weighted centroid; the mean of the vertices for a degenerate polygon. */
export function polygonCentroid(p: Polygon): Point {
  const a = signedArea(p);
  if (Math.abs(a) < 1e-9) {
    const n = p.length || 1;
    return [p.reduce((s, q) => s + q[0], 0) / n, p.reduce((s, q) => s + q[1], 0) / n];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < p.length; i++) {
    const [x1, y1] = p[i];
    const [x2, y2] = p[(i + 1) % p.length];
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

/** Ray casting (even–odd rule). */
export function pointInPolygon([x, y]: Point, p: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i];
    const [xj, yj] = p[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A point inside the polygon near its middle: the centroid when it lies inside (convex and most
 * plain shapes), else the middle of the widest inside stretch of the horizontal line through it
 * (L-, U- and cross-shaped areas).
 */
export function interiorPoint(p: Polygon): Point {
  const c = polygonCentroid(p);
  if (pointInPolygon(c, p)) return c;
  const ys = [c[1], ...p.map((q) => q[1])];
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  // try the centroid's line first, then lines spread over the height
  const lines = [c[1], ...Array.from({ length: 9 }, (_, i) => minY + ((i + 1) * (maxY - minY)) / 10)];
  let best: { x: number; y: number; w: number } | null = null;
  for (const y of lines) {
    const xs: number[] = [];
    for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
      const [xi, yi] = p[i];
      const [xj, yj] = p[j];
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = xs[k + 1] - xs[k];
      if (!best || w > best.w) best = { x: (xs[k] + xs[k + 1]) / 2, y, w };
    }
    if (best && y === c[1]) break;
  }
  return best ? [best.x, best.y] : c;
}

/** A stable 32-bit hash of a string (FNV-1a), for deterministic placement. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Where to draw the markers of an area's open hazards: around the polygon's interior point on a
 * golden-angle spiral (the first close to the middle, later ones further out), turned by a hash
 * of the area so that neighbouring areas do not look alike. The same inputs always give the same
 * positions; a marker that would fall outside the polygon is pulled back towards the middle.
 */
export function markerPositions(p: Polygon, count: number, seed = ''): Point[] {
  if (count <= 0 || p.length < 3) return [];
  const [cx, cy] = interiorPoint(p);
  const step = Math.min(26, Math.max(9, Math.sqrt(polygonArea(p)) / 14));
  const turn = ((hashString(seed) % 360) * Math.PI) / 180;
  const out: Point[] = [];
  for (let i = 0; i < count; i++) {
    const r = step * Math.sqrt(i + 0.6);
    const a = turn + i * GOLDEN_ANGLE;
    let q: Point = [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    for (let k = 0; k < 6 && !pointInPolygon(q, p); k++) q = [(q[0] + cx) / 2, (q[1] + cy) / 2];
    if (!pointInPolygon(q, p)) q = [cx, cy];
    out.push([round1(q[0]), round1(q[1])]);
  }
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Scale a polygon drawn on one image size to another (a new, larger scan of the same plan). */
export function scalePolygon(p: Polygon, sx: number, sy: number): Polygon {
  return p.map(([x, y]) => [round1(x * sx), round1(y * sy)]);
}

export interface PolygonIssue {
  /** Relative path: "" for the whole polygon, "3" for the fourth point, "3.0" for its x. */
  path: string;
  message: string;
}

/**
 * A usable area outline: 3 to 200 points inside the image, enclosing some area, edges not
 * crossing each other (a simple polygon), so that fill, centroid and hit-testing make sense.
 */
export function checkPolygon(p: Polygon, bounds: { width: number; height: number } | null): PolygonIssue[] {
  const issues: PolygonIssue[] = [];
  if (p.length < 3) return [{ path: '', message: 'an area needs at least 3 points' }];
  if (p.length > POLYGON_MAX_POINTS) return [{ path: '', message: `at most ${POLYGON_MAX_POINTS} points` }];
  p.forEach(([x, y], i) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) issues.push({ path: String(i), message: 'coordinates must be numbers' });
    else if (bounds && (x < 0 || y < 0 || x > bounds.width || y > bounds.height)) {
      issues.push({ path: String(i), message: `outside the site plan (0–${bounds.width} × 0–${bounds.height} px)` });
    }
  });
  if (issues.length) return issues;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // neighbouring edges share a point; that is not a crossing
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsCross(p[i], p[(i + 1) % n], p[j], p[(j + 1) % n])) {
        return [{ path: '', message: `edges ${i + 1} and ${j + 1} cross: draw the outline without crossing lines` }];
      }
    }
  }
  if (polygonArea(p) < 1) return [{ path: '', message: 'the points enclose no area' }];
  return [];
}

function orient(a: Point, b: Point, c: Point): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < 1e-9 ? 0 : Math.sign(v);
}

function onSegment(a: Point, b: Point, c: Point): boolean {
  return Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
}

function segmentsCross(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const o1 = orient(p1, p2, q1);
  const o2 = orient(p1, p2, q2);
  const o3 = orient(q1, q2, p1);
  const o4 = orient(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(p1, p2, q1)) || (o2 === 0 && onSegment(p1, p2, q2)) || (o3 === 0 && onSegment(q1, q2, p1)) || (o4 === 0 && onSegment(q1, q2, p2));
}
