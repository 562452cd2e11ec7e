/**
 * What POST /standards/evaluate answers, one typed result per kind (shown in the OpenAPI
 * document as one of these). Strict objects: an answer matches exactly the shape of its kind.
 */
import { z } from 'zod';
import {
  ACCIDENT_LEVELS,
  AREA_CHECK_FREQUENCIES,
  AUTHORITIES,
  COLORS,
  HAZARD_GRADES,
  LEC_LEVELS,
  RISK_LEVELS,
  WEATHER_LEVELS,
} from '../../../core/standards/index.js';

const version = z.number().int().describe('the standards version the answer used');
const basis = z.string().describe('the regulation (or tenant decision) the answer rests on');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD');
const time = z.string().describe('ISO time in UTC (…Z)');

const level = <T extends readonly [string, ...string[]]>(kind: string, levels: T, scored: boolean) =>
  z
    .strictObject({
      level: z.enum(levels),
      color: z.enum(COLORS),
      label: z.string(),
      ...(scored ? { score: z.number(), riskLevel: z.enum(RISK_LEVELS) } : {}),
      basis,
      version,
    })
    .meta({ title: kind, description: `kind ${kind}` });

export const EVALUATION_ANSWERS = {
  lec: level('lec', LEC_LEVELS, true),
  ls: level('ls', RISK_LEVELS, true),
  'hazard-grade': level('hazard-grade', HAZARD_GRADES, false),
  'accident-level': level('accident-level', ACCIDENT_LEVELS, false),
  'weather-level': level('weather-level', WEATHER_LEVELS, false),
  'special-equipment-inspection': z
    .strictObject({
      nextDue: date.describe('last inspection + the interval in calendar months'),
      applyBy: date.describe('the last day to request the inspection: one calendar month before nextDue (特种设备安全法 Art. 40)'),
      intervalMonths: z.number().int(),
      basis,
      version,
    })
    .meta({ title: 'special-equipment-inspection', description: 'kind special-equipment-inspection' }),
  'inspection-frequency': z
    .strictObject({
      frequency: z.enum(AREA_CHECK_FREQUENCIES),
      specialItems: z.array(z.string()).describe('hazard types whose special check items are added'),
      reason: z.string(),
      basis,
      version,
    })
    .meta({ title: 'inspection-frequency', description: 'kind inspection-frequency' }),
  'hazard-type': z
    .strictObject({
      type: z.string(),
      label: z.string(),
      keywords: z.array(z.string()),
      alternatives: z.array(z.strictObject({ type: z.string(), label: z.string(), keywords: z.array(z.string()) })),
      basis,
      version,
    })
    .meta({ title: 'hazard-type', description: 'kind hazard-type: the type suggested from a report’s text' }),
  'training-hours': z
    .strictObject({
      minHours: z.number().nullable().describe('null where the regulation sets no figure (the basis says so)'),
      basis,
      version,
    })
    .meta({ title: 'training-hours', description: 'kind training-hours' }),
  'special-operation-certificate': z
    .strictObject({
      expiresOn: date,
      nextReviewOn: date,
      reviewWindowStart: date.describe('nextReviewOn − 60 days, both ends of the window included'),
      basis,
      version,
    })
    .meta({ title: 'special-operation-certificate', description: 'kind special-operation-certificate' }),
  'accident-reporting': z
    .strictObject({
      level: z.enum(ACCIDENT_LEVELS),
      label: z.string(),
      chain: z.array(z.strictObject({ authority: z.enum(AUTHORITIES), by: time })),
      supplementsUntil: time,
      basis,
      version,
    })
    .meta({ title: 'accident-reporting', description: 'kind accident-reporting' }),
};

/** The 200 answer of POST /standards/evaluate: the result of the kind asked for. */
export const EvaluationAnswer = z.union(Object.values(EVALUATION_ANSWERS) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
