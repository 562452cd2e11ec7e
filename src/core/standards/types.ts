/**
 * The unified standards library (C2) as data: one document per tenant and version. Every
 * evaluation (web preview, server enforcement, department mappings) reads its numbers from a
 * document of this shape; the national defaults are in defaults.ts.
 *
 * Pure TypeScript: imported by the server and by the web.
 */

/** The four risk colours (安委办〔2016〕11号). Every level of every standard carries one. */
export const COLORS = ['red', 'orange', 'yellow', 'blue'] as const;
export type Color = (typeof COLORS)[number];

/** Four-colour risk levels: 重大 / 较大 / 一般 / 低 风险. The unified "risk level" of a record. */
export const RISK_LEVELS = ['major', 'significant', 'general', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Hazard grades (原安监总局令第16号 Art. 3): 重大隐患 / 一般隐患. The unified "grade" of a hazard. */
export const HAZARD_GRADES = ['major', 'general'] as const;
export type HazardGrade = (typeof HAZARD_GRADES)[number];

export const LEC_LEVELS = ['extreme', 'high', 'significant', 'possible', 'slight'] as const;
export type LecLevel = (typeof LEC_LEVELS)[number];

/** Accident levels (国务院令第493号 Art. 3), highest first. */
export const ACCIDENT_LEVELS = ['especially_major', 'major', 'larger', 'general'] as const;
export type AccidentLevel = (typeof ACCIDENT_LEVELS)[number];

/** Weather-warning levels, Ⅰ highest. */
export const WEATHER_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type WeatherLevel = (typeof WEATHER_LEVELS)[number];

/** One value of a factor scale (LEC's L, E, C; LS's L, S) with what it means. */
export interface ScaleValue {
  value: number;
  label: string;
}

export interface HazardGradeSection {
  /** The regulation or decision the section rests on (shown in the UI, written to the audit log). */
  basis: string;
  levels: { level: HazardGrade; label: string; color: Color }[];
  /**
   * 重大隐患 when the hazard may cause at least this many deaths OR at least this direct loss
   * ("以上" includes the number). Everything below both is 一般隐患.
   */
  major: { minDeaths: number; minDirectLossYuan: number };
}

/** An LEC band: gt < D ≤ lte; null = open end. Bands are contiguous, highest first. */
export interface LecBand {
  level: LecLevel;
  label: string;
  color: Color;
  /** The four-colour risk level this band counts as in unified records. */
  riskLevel: RiskLevel;
  gt: number | null;
  lte: number | null;
}

export interface LecSection {
  basis: string;
  l: ScaleValue[];
  e: ScaleValue[];
  c: ScaleValue[];
  bands: LecBand[];
}

/** An LS band: min ≤ R ≤ max (integers). Label and colour come from the four-colour section. */
export interface LsBand {
  level: RiskLevel;
  min: number;
  max: number;
}

export interface LsSection {
  basis: string;
  l: ScaleValue[];
  s: ScaleValue[];
  bands: LsBand[];
}

export interface FourColoursSection {
  basis: string;
  levels: { level: RiskLevel; label: string; color: Color }[];
}

/**
 * One accident level: reached when any figure is at or above its minimum ("以上" includes the
 * number). The lowest level has all minimums 0 (everything below the next level up).
 */
export interface AccidentLevelDef {
  level: AccidentLevel;
  label: string;
  color: Color;
  minDeaths: number;
  minSeriousInjuries: number;
  minDirectLossYuan: number;
}

export interface AccidentLevelsSection {
  basis: string;
  levels: AccidentLevelDef[];
}

export interface WeatherLevelsSection {
  basis: string;
  levels: { level: WeatherLevel; label: string; color: Color }[];
}

export interface StandardsDocument {
  hazardGrade: HazardGradeSection;
  lec: LecSection;
  ls: LsSection;
  fourColours: FourColoursSection;
  accidentLevels: AccidentLevelsSection;
  weatherLevels: WeatherLevelsSection;
}

/** A problem with an input, a document or a mapping, at a dotted path ("l", "ls.bands.2.max"). */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

export const EVALUATION_KINDS = ['lec', 'ls', 'hazard-grade', 'accident-level', 'weather-level'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export interface EvaluationInputs {
  lec: { l: number; e: number; c: number };
  ls: { l: number; s: number };
  'hazard-grade': { potentialDeaths: number; directLossYuan: number };
  'accident-level': { deaths: number; seriousInjuries: number; directLossYuan: number };
  'weather-level': { color: Color };
}

export interface Evaluation {
  level: string;
  color: Color;
  /** The Chinese regulatory term (重大隐患, 极其危险, 特别重大, Ⅰ级 …). */
  label: string;
  /** D for LEC, R for LS. */
  score?: number;
  /** For LEC and LS: the four-colour level the result counts as in unified records. */
  riskLevel?: RiskLevel;
}
