/**
 * Request shapes of the standards API (zod): the standards document and department mappings.
 * These check the shape; the meaning (bands without gaps, mappings that still fit) is checked by
 * src/core/standards, the same code the web uses.
 */
import { z } from 'zod';
import {
  ACCIDENT_LEVELS,
  ACCIDENT_REPORT_TYPES,
  AUTHORITIES,
  CERTIFICATE_CATEGORIES,
  CHECK_FREQUENCIES,
  COLORS,
  EVALUATION_KINDS,
  FORM_FIELD_TYPES,
  HAZARD_GRADES,
  LEC_LEVELS,
  PRESSURE_VESSEL_GRADES,
  RISK_LEVELS,
  SPECIAL_EQUIPMENT_TYPES,
  TRAINING_ROLES,
  TRAINING_STAGES,
  WEATHER_LEVELS,
} from '../../../core/standards/index.js';

const MAX_YUAN = 1e15;
const color = z.enum(COLORS);
const label = z.string().trim().min(1).max(100);
const basis = z.string().trim().min(1).max(2000);
const months = z.number().int().min(0).max(1200);
const scale = z.array(z.strictObject({ value: z.number().positive().max(1e6), label })).min(1).max(20);

export const StandardsDocumentSchema = z.strictObject({
  hazardGrade: z.strictObject({
    basis,
    levels: z.array(z.strictObject({ level: z.enum(HAZARD_GRADES), label, color })).min(1).max(10),
    major: z.strictObject({
      minDeaths: z.number().int().min(0).max(1_000_000),
      minDirectLossYuan: z.number().min(0).max(MAX_YUAN),
    }),
  }),
  lec: z.strictObject({
    basis,
    l: scale,
    e: scale,
    c: scale,
    bands: z
      .array(
        z.strictObject({
          level: z.enum(LEC_LEVELS),
          label,
          color,
          riskLevel: z.enum(RISK_LEVELS),
          gt: z.number().min(0).max(1e9).nullable(),
          lte: z.number().min(0).max(1e9).nullable(),
        }),
      )
      .min(1)
      .max(10),
  }),
  ls: z.strictObject({
    basis,
    l: scale,
    s: scale,
    bands: z
      .array(z.strictObject({ level: z.enum(RISK_LEVELS), min: z.number().int().min(0).max(1000), max: z.number().int().min(0).max(1000) }))
      .min(1)
      .max(10),
  }),
  fourColours: z.strictObject({
    basis,
    levels: z.array(z.strictObject({ level: z.enum(RISK_LEVELS), label, color })).min(1).max(10),
  }),
  accidentLevels: z.strictObject({
    basis,
    levels: z
      .array(
        z.strictObject({
          level: z.enum(ACCIDENT_LEVELS),
          label,
          color,
          minDeaths: z.number().int().min(0).max(1_000_000),
          minSeriousInjuries: z.number().int().min(0).max(1_000_000),
          minDirectLossYuan: z.number().min(0).max(MAX_YUAN),
        }),
      )
      .min(1)
      .max(10),
  }),
  weatherLevels: z.strictObject({
    basis,
    levels: z.array(z.strictObject({ level: z.enum(WEATHER_LEVELS), label, color })).min(1).max(10),
  }),
  // Sections added later are optional: a document without one takes the national default
  // (core/standards/complete.ts), so clients written before a rule set existed keep working.
  specialEquipment: z
    .strictObject({
      basis,
      applyMonthsBefore: z.number().int().min(0).max(12),
      remindDaysBefore: z.number().int().min(0).max(365),
      intervals: z
        .array(z.strictObject({ type: z.enum(SPECIAL_EQUIPMENT_TYPES), label, intervalMonths: months.nullable(), basis }))
        .min(1)
        .max(50),
      pressureVesselGrades: z
        .array(z.strictObject({ grade: z.union(PRESSURE_VESSEL_GRADES.map((g) => z.literal(g))), intervalMonths: months.nullable(), note: basis }))
        .min(1)
        .max(10),
    })
    .optional(),
  hazardTypes: z
    .strictObject({
      basis,
      types: z
        .array(z.strictObject({ type: z.string().min(1).max(40), label, keywords: z.array(z.string().trim().min(1).max(40)).max(100) }))
        .min(1)
        .max(50),
    })
    .optional(),
  areaChecks: z
    .strictObject({
      basis,
      levels: z.array(z.strictObject({ color, label, frequency: z.enum(CHECK_FREQUENCIES) })).min(1).max(10),
      sameTypeInARow: z.number().int().min(0).max(100),
      cleanMonths: z.number().int().min(0).max(100),
    })
    .optional(),
  trainingHours: z
    .strictObject({
      basis,
      rules: z
        .array(
          z.strictObject({
            role: z.enum(TRAINING_ROLES),
            highRisk: z.boolean(),
            stage: z.enum(TRAINING_STAGES),
            minHours: z.number().min(0).max(10_000).nullable(),
            basis,
          }),
        )
        .min(1)
        .max(50),
    })
    .optional(),
  certificates: z
    .strictObject({
      basis,
      validity: z.array(z.strictObject({ category: z.enum(CERTIFICATE_CATEGORIES), years: z.number().int().min(0).max(100), basis })).min(1).max(10),
      reviewEveryYears: z.number().int().min(0).max(100),
      exemptedReviewEveryYears: z.number().int().min(0).max(100),
      reviewWindowDays: z.number().int().min(0).max(1000),
      expiringSoonDays: z.number().int().min(0).max(1000),
    })
    .optional(),
  accidentReporting: z
    .strictObject({
      basis,
      authorities: z.array(z.strictObject({ authority: z.enum(AUTHORITIES), label: z.string().trim().min(1).max(200) })).min(1).max(10),
      firstReportHours: z.number().min(0).max(1000),
      perLevelHours: z.number().min(0).max(1000),
      reachesUpTo: z.strictObject(Object.fromEntries(ACCIDENT_LEVELS.map((l) => [l, z.enum(AUTHORITIES)])) as Record<(typeof ACCIDENT_LEVELS)[number], z.ZodEnum<{ [K in (typeof AUTHORITIES)[number]]: K }>>),
      supplementDays: z.strictObject(
        Object.fromEntries(ACCIDENT_REPORT_TYPES.map((t) => [t, z.number().int().min(0).max(1000)])) as Record<(typeof ACCIDENT_REPORT_TYPES)[number], z.ZodNumber>,
      ),
    })
    .optional(),
});

export const EvaluateBody = z.strictObject({
  kind: z.enum(EVALUATION_KINDS),
  input: z.record(z.string(), z.unknown()),
  /** Evaluate against an older version (default: the current one). */
  version: z.number().int().min(1).optional(),
});

export const SaveStandardsBody = z.strictObject({
  /** The version the edit was based on: 409 VERSION_CONFLICT if it is no longer current. */
  version: z.number().int().min(1),
  document: StandardsDocumentSchema,
  note: z.string().trim().max(500).optional(),
});

// ---- department mappings ----

const fieldKey = z.string().min(1).max(40);
const optionKey = z.string().min(1).max(100);
const fieldRef = z.strictObject({ field: fieldKey });
const factor = z.union([
  z.strictObject({ field: fieldKey, values: z.record(optionKey, z.number().min(0).max(MAX_YUAN)).optional() }),
  z.strictObject({ value: z.number().min(0).max(MAX_YUAN) }),
]);

export const IntakeFormSchema = z.strictObject({
  fields: z
    .array(
      z.strictObject({
        key: fieldKey,
        label: z.string().trim().min(1).max(100),
        type: z.enum(FORM_FIELD_TYPES),
        options: z.array(optionKey).max(50).optional(),
        required: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(50),
});

export const IntakeMappingSchema = z.strictObject({
  title: fieldRef,
  description: fieldRef.optional(),
  area: fieldRef.optional(),
  equipment: fieldRef.optional(),
  grade: z
    .discriminatedUnion('from', [
      z.strictObject({ from: z.literal('map'), field: fieldKey, values: z.record(optionKey, z.enum(HAZARD_GRADES)) }),
      z.strictObject({ from: z.literal('rule'), potentialDeaths: factor, directLossYuan: factor }),
      z.strictObject({ from: z.literal('constant'), value: z.enum(HAZARD_GRADES) }),
    ])
    .optional(),
  riskLevel: z
    .discriminatedUnion('from', [
      z.strictObject({ from: z.literal('map'), field: fieldKey, values: z.record(optionKey, z.enum(RISK_LEVELS)) }),
      z.strictObject({ from: z.literal('ls'), l: factor, s: factor }),
      z.strictObject({ from: z.literal('lec'), l: factor, e: factor, c: factor }),
    ])
    .optional(),
});

export const CreateMappingBody = z.strictObject({
  departmentId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).optional(),
  form: IntakeFormSchema,
  mapping: IntakeMappingSchema,
  enabled: z.boolean().optional(),
});

export const EditMappingBody = z.strictObject({
  version: z.number().int().min(1),
  departmentId: z.uuid().optional(),
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(1000).optional(),
  form: IntakeFormSchema.optional(),
  mapping: IntakeMappingSchema.optional(),
  enabled: z.boolean().optional(),
});

export const PreviewBody = z.strictObject({
  values: z.record(fieldKey, z.union([z.string().max(5000), z.number(), z.null()])),
});

export type SaveStandardsInput = z.infer<typeof SaveStandardsBody>;
export type CreateMappingInput = z.infer<typeof CreateMappingBody>;
export type EditMappingInput = z.infer<typeof EditMappingBody>;
