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

// ---- periodic inspection of special equipment (特种设备安全法 Art. 40; TSG rules) ----

/**
 * Kinds of periodic inspection of special equipment, one per interval rule. Snake_case like
 * `equipment.special_type`; a boiler has two (external and internal), each with its own due date.
 */
export const SPECIAL_EQUIPMENT_TYPES = [
  'elevator',
  'tower_crane',
  'mobile_crane',
  'hoist', // 施工升降机
  'bridge_crane',
  'gantry_crane',
  'molten_metal_crane',
  'boiler_external',
  'boiler_internal',
  'pressure_vessel',
  'forklift', // 场（厂）内专用机动车辆
] as const;
export type SpecialEquipmentType = (typeof SPECIAL_EQUIPMENT_TYPES)[number];

/** Safety grades (安全状况等级) of a fixed pressure vessel, 1 best … 5 worst (TSG 21-2016). */
export const PRESSURE_VESSEL_GRADES = [1, 2, 3, 4, 5] as const;
export type PressureVesselGrade = (typeof PRESSURE_VESSEL_GRADES)[number];

export interface SpecialEquipmentInterval {
  type: SpecialEquipmentType;
  label: string;
  /** Months between periodic inspections; null = decided by the safety grade (pressure vessels). */
  intervalMonths: number | null;
  basis: string;
}

export interface PressureVesselGradeRule {
  grade: PressureVesselGrade;
  /** Months between inspections; null = no periodic interval applies (the reason says why). */
  intervalMonths: number | null;
  note: string;
}

export interface SpecialEquipmentSection {
  basis: string;
  /** The last day to request the inspection is this many calendar months before it is due (Art. 40: 一个月). */
  applyMonthsBefore: number;
  /** The equipment department is reminded this many days before that last day (and again on it). Tenant's choice. */
  remindDaysBefore: number;
  intervals: SpecialEquipmentInterval[];
  pressureVesselGrades: PressureVesselGradeRule[];
}

// ---- hazard types and adaptive area checks (C11) ----

export interface HazardTypeDef {
  /** Stable code, snake_case ("electrical"); stored on hazards. */
  type: string;
  label: string;
  /** Words in a report's text that suggest this type (the hazard form's suggestion). */
  keywords: string[];
}

export interface HazardTypesSection {
  basis: string;
  /** Ordered: on an equal keyword score the earlier type wins. Must contain `other` (the fallback). */
  types: HazardTypeDef[];
}

/** The hazard type every report falls back to when no keyword matches. */
export const FALLBACK_HAZARD_TYPE = 'other';

export const CHECK_FREQUENCIES = ['daily', 'weekly', 'biweekly', 'monthly', 'quarterly'] as const;
export type CheckFrequency = (typeof CHECK_FREQUENCIES)[number];

/** What inspection-frequency answers: the area's routine check rhythm. */
export const AREA_CHECK_FREQUENCIES = ['monthly', 'biweekly'] as const;
export type AreaCheckFrequency = (typeof AREA_CHECK_FREQUENCIES)[number];

export interface AreaChecksSection {
  basis: string;
  /**
   * Control measures of a risk point are checked at the management level its colour sets
   * (red 公司级, orange 部门级, yellow 车间级, blue 班组级), each level at its own default frequency.
   */
  levels: { color: Color; label: string; frequency: CheckFrequency }[];
  /** The routine check of an area is monthly; it becomes biweekly (with special items) when this many most recent hazards share a type … */
  sameTypeInARow: number;
  /** … and returns to monthly after this many full calendar months with no hazard. */
  cleanMonths: number;
}

// ---- training hours and special-operation certificates (C9) ----

export const TRAINING_ROLES = ['principal', 'safety_manager', 'employee'] as const;
export type TrainingRole = (typeof TRAINING_ROLES)[number];
export const TRAINING_STAGES = ['initial', 'annual'] as const;
export type TrainingStage = (typeof TRAINING_STAGES)[number];

export interface TrainingHoursRule {
  role: TrainingRole;
  highRisk: boolean;
  stage: TrainingStage;
  /** Minimum hours (学时); null where the regulation sets no figure. */
  minHours: number | null;
  basis: string;
}

export interface TrainingHoursSection {
  basis: string;
  rules: TrainingHoursRule[];
}

export const CERTIFICATE_CATEGORIES = ['special_operation', 'special_equipment', 'internal'] as const;
export type CertificateCategory = (typeof CERTIFICATE_CATEGORIES)[number];

export interface CertificatesSection {
  /** The special-operation certificate rules (validity, reviews, review window). */
  basis: string;
  /** How many years a certificate of each category is valid from its issue date, and why. */
  validity: { category: CertificateCategory; years: number; basis: string }[];
  /** 特种作业操作证: reviewed every this many years from issue or the last review … */
  reviewEveryYears: number;
  /** … or every this many years when the issuing authority exempted the holder … */
  exemptedReviewEveryYears: number;
  /** … and applied for within this many days before the review is due. */
  reviewWindowDays: number;
  /** A certificate running out within this many days is flagged (still valid). Tenant's choice. */
  expiringSoonDays: number;
}

// ---- accident reporting (国务院令第493号 Arts. 9–13) ----

/** The regulators a report passes through, lowest first. */
export const AUTHORITIES = ['county', 'city', 'province', 'state_council'] as const;
export type Authority = (typeof AUTHORITIES)[number];

export const ACCIDENT_REPORT_TYPES = ['other', 'road_traffic', 'fire'] as const;
export type AccidentReportType = (typeof ACCIDENT_REPORT_TYPES)[number];

export interface AccidentReportingSection {
  basis: string;
  authorities: { authority: Authority; label: string }[];
  /** The unit head reports to the county regulator within this many hours of being informed (Art. 9). */
  firstReportHours: number;
  /** Each regulator passes it on within this many hours (Art. 11). */
  perLevelHours: number;
  /** The highest regulator each accident level reaches (Art. 10). */
  reachesUpTo: Record<AccidentLevel, Authority>;
  /** Days after the accident within which casualty changes are reported as supplements (Art. 13). */
  supplementDays: Record<AccidentReportType, number>;
}

/**
 * One tenant's standards. Sections added after a tenant's version was stored are taken from
 * the national defaults when the version is read (see complete.ts): nothing to migrate.
 */
export interface StandardsDocument {
  hazardGrade: HazardGradeSection;
  lec: LecSection;
  ls: LsSection;
  fourColours: FourColoursSection;
  accidentLevels: AccidentLevelsSection;
  weatherLevels: WeatherLevelsSection;
  specialEquipment: SpecialEquipmentSection;
  hazardTypes: HazardTypesSection;
  areaChecks: AreaChecksSection;
  trainingHours: TrainingHoursSection;
  certificates: CertificatesSection;
  accidentReporting: AccidentReportingSection;
}

export type StandardsSection = keyof StandardsDocument;

/** A problem with an input, a document or a mapping, at a dotted path ("l", "ls.bands.2.max"). */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

export const EVALUATION_KINDS = [
  'lec',
  'ls',
  'hazard-grade',
  'accident-level',
  'weather-level',
  'special-equipment-inspection',
  'inspection-frequency',
  'hazard-type',
  'training-hours',
  'special-operation-certificate',
  'accident-reporting',
] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/** The kinds answered with a level, a colour and a label. */
export const LEVEL_KINDS = ['lec', 'ls', 'hazard-grade', 'accident-level', 'weather-level'] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;
/** An instant, ISO 8601 with a zone; answered in UTC ("…Z"). */
export type IsoTime = string;

export interface EvaluationInputs {
  lec: { l: number; e: number; c: number };
  ls: { l: number; s: number };
  'hazard-grade': { potentialDeaths: number; directLossYuan: number };
  'accident-level': { deaths: number; seriousInjuries: number; directLossYuan: number };
  'weather-level': { color: Color };
  'special-equipment-inspection': { equipmentType: SpecialEquipmentType; lastInspection: IsoDate; safetyGrade?: PressureVesselGrade };
  'inspection-frequency': { asOf: IsoDate; hazards: { reportedOn: IsoDate; type: string }[] };
  'hazard-type': { text: string };
  'training-hours': { role: TrainingRole; highRisk: boolean; stage: TrainingStage };
  'special-operation-certificate': { issuedOn: IsoDate; lastReviewedOn?: IsoDate; exempted?: boolean };
  'accident-reporting': {
    occurredAt: IsoTime;
    headInformedAt?: IsoTime;
    deaths: number;
    seriousInjuries: number;
    directLossYuan: number;
    accidentType: AccidentReportType;
  };
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
  /** The regulation or decision the answer rests on. */
  basis: string;
}

export interface SpecialEquipmentInspection {
  /** The periodic inspection is due on this day (lastInspection + the interval in calendar months). */
  nextDue: IsoDate;
  /** The last day to request it (Art. 40: one calendar month before nextDue). */
  applyBy: IsoDate;
  intervalMonths: number;
  basis: string;
}

export interface InspectionFrequency {
  frequency: AreaCheckFrequency;
  /** Hazard types whose special check items are added to the area's checklist. */
  specialItems: string[];
  /** Why, in the words shown on the area ("近两次隐患均为电气类 …"). */
  reason: string;
  basis: string;
}

export interface HazardTypeSuggestion {
  /** The suggested type (the fallback `other` when no keyword matched). */
  type: string;
  label: string;
  /** The keywords of that type found in the text. */
  keywords: string[];
  /** Other types whose keywords were found, best first. */
  alternatives: { type: string; label: string; keywords: string[] }[];
  basis: string;
}

export interface TrainingHours {
  /** Minimum hours (学时); null where the regulation sets no figure (the basis says so). */
  minHours: number | null;
  basis: string;
}

export interface SpecialOperationCertificate {
  expiresOn: IsoDate;
  nextReviewOn: IsoDate;
  /** The first day the review may be applied for (nextReviewOn − 60 days; both ends included). */
  reviewWindowStart: IsoDate;
  basis: string;
}

export interface AccidentReporting {
  level: AccidentLevel;
  label: string;
  /** Each regulator the report reaches and the time by which it must have it, lowest first. */
  chain: { authority: Authority; by: IsoTime }[];
  supplementsUntil: IsoTime;
  basis: string;
}

/** What each kind answers (the server adds the standards `version`). */
export interface EvaluationOutputs {
  lec: Evaluation;
  ls: Evaluation;
  'hazard-grade': Evaluation;
  'accident-level': Evaluation;
  'weather-level': Evaluation;
  'special-equipment-inspection': SpecialEquipmentInspection;
  'inspection-frequency': InspectionFrequency;
  'hazard-type': HazardTypeSuggestion;
  'training-hours': TrainingHours;
  'special-operation-certificate': SpecialOperationCertificate;
  'accident-reporting': AccidentReporting;
}
export type EvaluationOutput = EvaluationOutputs[EvaluationKind];
