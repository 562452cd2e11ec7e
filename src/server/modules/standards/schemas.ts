/**
 * Request shapes of the standards API (zod): the standards document and department mappings.
 * These check the shape; the meaning (bands without gaps, mappings that still fit) is checked by
 * src/core/standards, the same code the web uses.
 */
import { z } from 'zod';
import {
  ACCIDENT_LEVELS,
  COLORS,
  EVALUATION_KINDS,
  FORM_FIELD_TYPES,
  HAZARD_GRADES,
  LEC_LEVELS,
  RISK_LEVELS,
  WEATHER_LEVELS,
} from '../../../core/standards/index.js';

const MAX_YUAN = 1e15;
const color = z.enum(COLORS);
const label = z.string().trim().min(1).max(100);
const basis = z.string().trim().min(1).max(2000);
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
