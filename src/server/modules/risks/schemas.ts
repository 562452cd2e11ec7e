/**
 * Request shapes of the risk API (zod). They check the shape; the assessment's meaning (factor
 * values the tenant's standards allow) is checked by the one evaluation path in src/core/standards,
 * which names the field (body.assessment.l).
 */
import { z } from 'zod';
import { ACCIDENT_TYPES, CONTROL_KINDS, MANAGEMENT_LEVELS, POLYGON_MAX_POINTS, RISK_POINT_KINDS } from '../../../core/risks/index.js';
import { COLORS } from '../../../core/standards/index.js';

const uuid = z.uuid();
const text = (max: number) => z.string().trim().max(max);
const factor = z.number().finite();

/** LEC {l, e, c} or LS {l, s}; which values are allowed is the standards' business. */
export const AssessmentSchema = z.strictObject({
  method: z.enum(['lec', 'ls']),
  l: factor.optional(),
  e: factor.optional(),
  c: factor.optional(),
  s: factor.optional(),
});

const ControlsSchema = z.strictObject(Object.fromEntries(CONTROL_KINDS.map((k) => [k, text(2000).optional()])) as Record<
  (typeof CONTROL_KINDS)[number],
  z.ZodOptional<z.ZodString>
>);

const common = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(RISK_POINT_KINDS),
  areaId: uuid.optional(),
  equipmentId: uuid.nullable().optional(),
  hazardFactors: text(2000).optional(),
  accidentTypes: z.array(z.enum(ACCIDENT_TYPES)).max(ACCIDENT_TYPES.length).optional(),
  assessment: AssessmentSchema,
  controls: ControlsSchema.optional(),
  managementLevel: z.enum(MANAGEMENT_LEVELS).optional(),
  departmentId: uuid,
  responsibleUserId: uuid.nullable().optional(),
};

export const CreateRiskPointBody = z.strictObject(common);

/** Only what changes, and the version it is based on (stale → 409 VERSION_CONFLICT). */
export const EditRiskPointBody = CreateRiskPointBody.partial().extend({ version: z.number().int().min(1) });

export const RISK_POINT_SORTS = ['code', '-code', 'score', '-score', 'updatedAt', '-updatedAt'] as const;

export const ListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  areaId: uuid.optional(),
  departmentId: uuid.optional(),
  /** One colour or several, comma separated: red,orange */
  color: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(COLORS)).optional()),
  kind: z.enum(RISK_POINT_KINDS).optional(),
  managementLevel: z.enum(MANAGEMENT_LEVELS).optional(),
  q: z.string().trim().max(100).optional(),
  /** score: by colour (red first when descending), then by D or R within a colour */
  sort: z.enum(RISK_POINT_SORTS).default('-score'),
});

export const SitePlanBody = z.strictObject({ fileId: uuid });

const coordinate = z.number().finite().min(0).max(100_000);
export const PolygonBody = z.strictObject({
  /** [[x, y], …] in site-plan pixels; null removes the area from the map. */
  points: z.array(z.tuple([coordinate, coordinate])).min(3).max(POLYGON_MAX_POINTS).nullable(),
});

export type CreateRiskPointInput = z.infer<typeof CreateRiskPointBody>;
export type EditRiskPointInput = z.infer<typeof EditRiskPointBody>;
export type AssessmentInput = z.infer<typeof AssessmentSchema>;
export type RiskListQuery = z.infer<typeof ListQuery>;
