import { describe, expect, it } from 'vitest';
import { colorAtLeast, isEventType, isUrgentColor, isWarningColor, levelOfColor, maxColor, WARNING_COLORS } from './levels.js';
import { rainstormColorFor } from './signals.js';

describe('colours and levels', () => {
  it('red is I, blue is IV', () => {
    expect(WARNING_COLORS.map(levelOfColor)).toEqual(['IV', 'III', 'II', 'I']);
  });

  it('orders red ≥ orange ≥ yellow ≥ blue', () => {
    expect(colorAtLeast('red', 'orange')).toBe(true);
    expect(colorAtLeast('orange', 'orange')).toBe(true);
    expect(colorAtLeast('yellow', 'orange')).toBe(false);
    expect(colorAtLeast('blue', 'blue')).toBe(true);
    expect(colorAtLeast('blue', 'yellow')).toBe(false);
    expect(maxColor('yellow', 'orange')).toBe('orange');
    expect(maxColor('red', 'blue')).toBe('red');
  });

  it('orange and red are urgent', () => {
    expect(WARNING_COLORS.filter(isUrgentColor)).toEqual(['orange', 'red']);
  });

  it('guards', () => {
    expect(isWarningColor('red')).toBe(true);
    expect(isWarningColor('purple')).toBe(false);
    expect(isEventType('rainstorm')).toBe(true);
    expect(isEventType('storm')).toBe(false);
  });
});

describe('rainstorm signal thresholds (中国气象局令第16号)', () => {
  it('maps rain in a window to the signal it reaches', () => {
    expect(rainstormColorFor(100, 3)).toBe('red');
    expect(rainstormColorFor(99.9, 3)).toBe('orange');
    expect(rainstormColorFor(50, 1)).toBe('orange');
    expect(rainstormColorFor(60, 6)).toBe('yellow');
    expect(rainstormColorFor(120, 6)).toBe('yellow'); // 100 mm needs to fall within 3 h for red
    expect(rainstormColorFor(50, 12)).toBe('blue');
    expect(rainstormColorFor(49, 12)).toBeNull();
    expect(rainstormColorFor(80, 24)).toBeNull(); // no signal is defined over 24 h
    expect(rainstormColorFor(Number.NaN, 3)).toBeNull();
    expect(rainstormColorFor(100, 0)).toBeNull();
  });
});
