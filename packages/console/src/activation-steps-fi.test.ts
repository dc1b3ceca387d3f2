// The Finnish wizard stays Finnish: every step the bridge serves has a Finnish text, with the same number of
// instructions and the client identifier where the English asks for it.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_STEPS } from '../../bridge/src/connections/activation-steps';
import { ACTIVATION_STEPS_FI } from './activation-steps-fi';

describe('ACTIVATION_STEPS_FI', () => {
  it.each(ACTIVATION_STEPS.map((step) => [step.id, step] as const))('has the step %s in Finnish', (id, step) => {
    const finnish = ACTIVATION_STEPS_FI[id];
    expect(finnish).toBeDefined();
    expect(finnish!.instructions).toHaveLength(step.instructions.length);
    expect(Boolean(finnish!.procountorPath)).toBe(Boolean(step.procountorPath));
    step.instructions.forEach((line, index) => {
      expect(finnish!.instructions[index]!.includes('{clientId}')).toBe(line.includes('{clientId}'));
    });
  });

  it('has no step the bridge does not serve', () => {
    expect(Object.keys(ACTIVATION_STEPS_FI).sort()).toEqual(ACTIVATION_STEPS.map((step) => step.id).sort());
  });
});
