import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS } from './defaults.js';
import { completeStandards, STANDARDS_SECTIONS } from './complete.js';
import { evaluate } from './evaluate.js';
import { validateStandards } from './validate.js';
import type { StandardsDocument } from './types.js';

/** A version stored before the periodic, training and reporting rules existed. */
function firstGeneration(): Partial<StandardsDocument> {
  const { hazardGrade, lec, ls, fourColours, accidentLevels, weatherLevels } = structuredClone(DEFAULT_STANDARDS);
  return { hazardGrade, lec, ls, fourColours, accidentLevels, weatherLevels };
}

describe('sections a stored version lacks take the national defaults', () => {
  it('fills every missing section, names them, keeps what the tenant decided', () => {
    const stored = firstGeneration();
    stored.hazardGrade!.major.minDirectLossYuan = 200_000;
    const { doc, defaulted } = completeStandards(stored);
    expect(defaulted).toEqual(['specialEquipment', 'hazardTypes', 'areaChecks', 'trainingHours', 'certificates', 'accidentReporting']);
    expect(doc.hazardGrade.major.minDirectLossYuan).toBe(200_000);
    expect(doc.specialEquipment).toEqual(DEFAULT_STANDARDS.specialEquipment);
    expect(Object.keys(doc)).toEqual(STANDARDS_SECTIONS);
    expect(validateStandards(doc)).toEqual([]);
    // every kind evaluates on the completed document
    expect(evaluate('special-equipment-inspection', { equipmentType: 'elevator', lastInspection: '2025-03-31' }, doc)).toMatchObject({ applyBy: '2026-02-28' });
    expect(evaluate('training-hours', { role: 'employee', highRisk: true, stage: 'annual' }, doc).minHours).toBe(20);
  });

  it('a complete document is returned as it is; a tenant’s own section is never replaced', () => {
    const own = structuredClone(DEFAULT_STANDARDS);
    own.areaChecks.cleanMonths = 2;
    const r = completeStandards(own);
    expect(r.defaulted).toEqual([]);
    expect(r.doc).toBe(own);
    const partial = { ...firstGeneration(), areaChecks: own.areaChecks };
    expect(completeStandards(partial).doc.areaChecks.cleanMonths).toBe(2);
    expect(completeStandards(partial).defaulted).not.toContain('areaChecks');
  });

  it('the defaults it copies cannot be changed through the completed document', () => {
    const { doc } = completeStandards(firstGeneration());
    doc.certificates.expiringSoonDays = 1;
    expect(DEFAULT_STANDARDS.certificates.expiringSoonDays).toBe(30);
  });
});
