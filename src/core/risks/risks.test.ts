import { describe, expect, it } from 'vitest';
import {
  checkPolygon,
  defaultManagementLevel,
  highestColor,
  interiorPoint,
  markerPositions,
  pointInPolygon,
  polygonArea,
  polygonCentroid,
  warningSigns,
  type Polygon,
} from './index.js';

const square: Polygon = [
  [0, 0],
  [100, 0],
  [100, 100],
  [0, 100],
];
// an L: the centroid of its bounding box corner lies outside
const ell: Polygon = [
  [0, 0],
  [20, 0],
  [20, 80],
  [100, 80],
  [100, 100],
  [0, 100],
];

describe('four colours', () => {
  it('an area takes the highest colour of its risk points: red > orange > yellow > blue; none → null', () => {
    expect(highestColor(['blue', 'yellow', 'orange'])).toBe('orange');
    expect(highestColor(['blue', 'red', 'yellow'])).toBe('red');
    expect(highestColor(['blue'])).toBe('blue');
    expect(highestColor([])).toBeNull();
    expect(highestColor([null, undefined, 'grey'])).toBeNull();
  });

  it('management level by colour: red 公司级, orange 部门级, yellow 班组级, blue 岗位级', () => {
    expect(['red', 'orange', 'yellow', 'blue'].map((c) => defaultManagementLevel(c as 'red'))).toEqual(['company', 'department', 'team', 'post']);
  });

  it('warning signs per accident type, each once', () => {
    expect(warningSigns(['fire', 'other_explosion', 'boiler_explosion', 'roof_fall'])).toEqual(['当心火灾', '当心爆炸', '注意安全']);
  });
});

describe('polygons in site-plan pixels', () => {
  it('area, centroid and inside test', () => {
    expect(polygonArea(square)).toBe(10000);
    expect(polygonCentroid(square)).toEqual([50, 50]);
    expect(pointInPolygon([50, 50], square)).toBe(true);
    expect(pointInPolygon([150, 50], square)).toBe(false);
  });

  it('the interior point of an L-shape lies inside it', () => {
    expect(pointInPolygon(polygonCentroid(ell), ell)).toBe(false);
    expect(pointInPolygon(interiorPoint(ell), ell)).toBe(true);
  });

  it('hazard markers: deterministic, inside the area, not on top of each other', () => {
    const a = markerPositions(ell, 12, 'area-1');
    expect(markerPositions(ell, 12, 'area-1')).toEqual(a);
    expect(a).toHaveLength(12);
    for (const p of a) expect(pointInPolygon(p, ell)).toBe(true);
    const b = markerPositions(square, 6, 'x');
    const distinct = new Set(b.map((p) => p.join(',')));
    expect(distinct.size).toBe(6);
  });

  it('checks: too few points, outside the image, no area, crossing edges', () => {
    expect(checkPolygon(square, { width: 200, height: 200 })).toEqual([]);
    expect(checkPolygon(square.slice(0, 2), null)[0].message).toMatch(/at least 3/);
    expect(checkPolygon(square, { width: 50, height: 200 }).map((i) => i.path)).toEqual(['1', '2']);
    expect(checkPolygon([[0, 0], [10, 10], [20, 20]], null)[0].message).toMatch(/no area/);
    const bowtie: Polygon = [[0, 0], [100, 100], [100, 0], [0, 100]];
    expect(checkPolygon(bowtie, null)[0].message).toMatch(/cross/);
  });
});
