/**
 * Log-scale duration histograms, the TypeScript side of the SQL function analytics_bucket
 * (0700_analytics.sql). Bucket 0 holds durations below one minute; bucket b ≥ 1 holds
 * [2^((b−1)/4), 2^(b/4)) minutes — four buckets per doubling, at most bucket 100. Rollups keep
 * only counts and sums per bucket, so monthly rows can be added up over any period.
 *
 * Percentiles: the nearest-rank item (the ⌈p·n⌉-th smallest) is located in its bucket and reported
 * as the bucket's geometric midpoint. The item lies in that same bucket, so the estimate is within
 * a factor 2^(1/8) of the exact value: −8.3 % … +9.05 %, the "±9 %" shown to users. (Interpolating
 * inside the bucket looks smoother but can be off by a whole bucket width, ±19 %.) Durations below
 * one minute are reported as half a minute.
 */

export const BUCKETS_PER_DOUBLING = 4;
export const MAX_BUCKET = 100;
/** Worst-case ratio between a percentile estimate and the exact value. */
export const PERCENTILE_ERROR_RATIO = 2 ** (1 / (2 * BUCKETS_PER_DOUBLING));

export interface BucketCount {
  bucket: number;
  /** How many durations fell into the bucket. */
  n: number;
}

/** The bucket of a duration in minutes, exactly as analytics_bucket computes it. */
export function bucketOf(minutes: number): number {
  if (!(minutes >= 1)) return 0;
  return Math.min(MAX_BUCKET, 1 + Math.floor((BUCKETS_PER_DOUBLING * Math.log(minutes)) / Math.LN2));
}

/** The minutes a bucket covers: [lo, hi). */
export function bucketBounds(bucket: number): { lo: number; hi: number } {
  if (bucket <= 0) return { lo: 0, hi: 1 };
  return { lo: 2 ** ((bucket - 1) / BUCKETS_PER_DOUBLING), hi: 2 ** (bucket / BUCKETS_PER_DOUBLING) };
}

/** The value reported for a bucket: its geometric midpoint (half a minute for bucket 0). */
export function bucketMidpoint(bucket: number): number {
  if (bucket <= 0) return 0.5;
  return 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING);
}

/** Add up bucket counts (e.g. the same step over several months). */
export function mergeBuckets(...lists: BucketCount[][]): BucketCount[] {
  const byBucket = new Map<number, number>();
  for (const list of lists) for (const b of list) byBucket.set(b.bucket, (byBucket.get(b.bucket) ?? 0) + b.n);
  return [...byBucket].filter(([, n]) => n > 0).map(([bucket, n]) => ({ bucket, n })).sort((a, b) => a.bucket - b.bucket);
}

/**
 * The p-quantile (0 < p ≤ 1; 0.5 = median) in minutes from bucket counts, or null when there is
 * nothing counted. Nearest rank: the ⌈p·n⌉-th smallest duration's bucket midpoint.
 */
export function percentile(buckets: BucketCount[], p: number): number | null {
  const sorted = buckets.filter((b) => b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total <= 0) return null;
  const rank = Math.min(total, Math.max(1, Math.ceil(Math.min(1, Math.max(0, p)) * total)));
  let seen = 0;
  for (const b of sorted) {
    seen += b.n;
    if (seen >= rank) return bucketMidpoint(b.bucket);
  }
  return bucketMidpoint(sorted[sorted.length - 1].bucket);
}

/** Mean from a count and a sum (minutes), null when nothing was counted. */
export function meanFromSums(n: number, sum: number): number | null {
  return n > 0 ? sum / n : null;
}

export const minutesToHours = (m: number | null): number | null => (m === null ? null : m / 60);
