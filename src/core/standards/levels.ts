/**
 * The rules answered with a level, a colour and a label: LEC, LS, hazard grade, accident level,
 * weather level. Typed inputs (evaluate.ts checks them first); every number from the document.
 */
import type { AccidentLevelDef, Color, Evaluation, LecBand, RiskLevel, StandardsDocument } from './types.js';

/** Multiplication of decimal factors without binary noise: 0.1 × 3 × 7 = 2.1, not 2.1000000000000005. */
function product(...xs: number[]): number {
  return Math.round(xs.reduce((a, b) => a * b, 1) * 1e6) / 1e6;
}

/** LEC: D = L × E × C, banded gt < D ≤ lte. */
export function lec(doc: StandardsDocument, l: number, e: number, c: number): Evaluation | null {
  const d = product(l, e, c);
  const band = lecBandOf(doc.lec.bands, d);
  return band ? { level: band.level, color: band.color, label: band.label, score: d, riskLevel: band.riskLevel, basis: doc.lec.basis } : null;
}

export function lecBandOf(bands: LecBand[], d: number): LecBand | undefined {
  return bands.find((b) => (b.gt === null || d > b.gt) && (b.lte === null || d <= b.lte));
}

/** LS: R = L × S, banded min ≤ R ≤ max; label and colour from the four-colour levels. */
export function ls(doc: StandardsDocument, l: number, s: number): Evaluation | null {
  const r = product(l, s);
  const band = doc.ls.bands.find((b) => r >= b.min && r <= b.max);
  const colour = band && fourColour(doc, band.level);
  return colour ? { level: colour.level, color: colour.color, label: colour.label, score: r, riskLevel: colour.level, basis: doc.ls.basis } : null;
}

export function fourColour(doc: StandardsDocument, level: RiskLevel) {
  return doc.fourColours.levels.find((x) => x.level === level);
}

/** 重大隐患 when the potential deaths or the direct loss reaches the threshold ("以上" includes it). */
export function hazardGrade(doc: StandardsDocument, potentialDeaths: number, directLossYuan: number): Evaluation | null {
  const { minDeaths, minDirectLossYuan } = doc.hazardGrade.major;
  const grade = potentialDeaths >= minDeaths || directLossYuan >= minDirectLossYuan ? 'major' : 'general';
  const def = doc.hazardGrade.levels.find((x) => x.level === grade);
  return def ? { level: def.level, color: def.color, label: def.label, basis: doc.hazardGrade.basis } : null;
}

/** The highest accident level any one figure reaches (levels are ordered highest first). */
export function accidentLevelDef(doc: StandardsDocument, deaths: number, seriousInjuries: number, directLossYuan: number): AccidentLevelDef | undefined {
  const reaches = (x: AccidentLevelDef) =>
    deaths >= x.minDeaths || seriousInjuries >= x.minSeriousInjuries || directLossYuan >= x.minDirectLossYuan;
  return doc.accidentLevels.levels.find(reaches);
}

export function accidentLevel(doc: StandardsDocument, deaths: number, seriousInjuries: number, directLossYuan: number): Evaluation | null {
  const def = accidentLevelDef(doc, deaths, seriousInjuries, directLossYuan);
  return def ? { level: def.level, color: def.color, label: def.label, basis: doc.accidentLevels.basis } : null;
}

export function weatherLevel(doc: StandardsDocument, color: Color): Evaluation | null {
  const def = doc.weatherLevels.levels.find((x) => x.color === color);
  return def ? { level: def.level, color: def.color, label: def.label, basis: doc.weatherLevels.basis } : null;
}
