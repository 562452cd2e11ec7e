import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bucketBounds, bucketMidpoint, bucketOf, meanFromSums, mergeBuckets, percentile, PERCENTILE_ERROR_RATIO, type BucketCount } from './histogram.js';

function bucketed(values: number[]): BucketCount[] {
  return mergeBuckets(values.map((v) => ({ bucket: bucketOf(v), n: 1 })));
}

/** Nearest-rank percentile of the raw data. */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1];
}

describe('duration buckets', () => {
  it('maps minutes to buckets like analytics_bucket: 0 below one minute, four per doubling', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.99)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(2)).toBe(5);
    expect(bucketOf(60)).toBe(1 + Math.floor(4 * Math.log2(60)));
    expect(bucketOf(1e30)).toBe(100);
  });

  it('every duration lies inside the bounds of its bucket', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), (m) => {
        const { lo, hi } = bucketBounds(bucketOf(m));
        return m >= lo * (1 - 1e-12) && m < hi * (1 + 1e-12);
      }),
    );
  });

  it('reports half a minute for bucket 0 and the geometric midpoint otherwise', () => {
    expect(bucketMidpoint(0)).toBe(0.5);
    const { lo, hi } = bucketBounds(9);
    expect(bucketMidpoint(9)).toBeCloseTo(Math.sqrt(lo * hi), 10);
  });
});

describe('percentiles and means from buckets', () => {
  it('has no value for an empty histogram', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([{ bucket: 3, n: 0 }], 0.9)).toBeNull();
    expect(meanFromSums(0, 0)).toBeNull();
  });

  it('computes the mean from sums', () => {
    expect(meanFromSums(4, 100)).toBe(25);
  });

  it('merges months of the same step', () => {
    expect(mergeBuckets([{ bucket: 2, n: 1 }], [{ bucket: 2, n: 3 }, { bucket: 1, n: 1 }])).toEqual([
      { bucket: 1, n: 1 },
      { bucket: 2, n: 4 },
    ]);
  });

  it('orders median ≤ p90', () => {
    const b = bucketed([5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560]);
    expect(percentile(b, 0.5)!).toBeLessThanOrEqual(percentile(b, 0.9)!);
  });

  it('is within ±9 % (a factor 2^(1/8)) of the exact percentile of the same data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 500_000, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (values, p) => {
          const est = percentile(bucketed(values), p)!;
          const ratio = est / exact(values, p);
          expect(ratio).toBeLessThanOrEqual(PERCENTILE_ERROR_RATIO * (1 + 1e-9));
          expect(ratio).toBeGreaterThanOrEqual((1 / PERCENTILE_ERROR_RATIO) * (1 - 1e-9));
          expect(Math.abs(ratio - 1)).toBeLessThan(0.0906);
        },
      ),
      { numRuns: 500 },
    );
  });
});
