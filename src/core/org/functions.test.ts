import { describe, expect, it } from 'vitest';
import { departmentForFunction } from './functions.js';

const d = (id: string, functions: string[], sort = 0) => ({ id, functions, sort });

describe('departmentForFunction', () => {
  it('finds the department serving the function, lowest sort first', () => {
    const list = [d('b', ['safety'], 2), d('a', ['safety', 'environment'], 1), d('c', ['hr'], 0)];
    expect(departmentForFunction(list, 'safety')?.id).toBe('a');
    expect(departmentForFunction(list, 'hr')?.id).toBe('c');
  });

  it('falls back to the department that takes the work over when none serves it', () => {
    const list = [d('s', ['safety']), d('l', ['logistics'])];
    expect(departmentForFunction(list, 'environment')?.id).toBe('s');
    expect(departmentForFunction(list, 'maintenance')?.id).toBe('l');
  });

  it('answers null when neither the function nor a fallback is served', () => {
    expect(departmentForFunction([d('p', ['production'])], 'academic')).toBeNull();
    expect(departmentForFunction([], 'safety')).toBeNull();
  });
});
