import { describe, expect, it } from 'vitest';
import { applyProcessHeapSettings, HEAP_GROWING_PERCENT } from './process-heap-settings';

describe('applyProcessHeapSettings', () => {
  it('sets the heap growth when the operator chose none', () => {
    expect(applyProcessHeapSettings([], '')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves the operator's own choice, on the command line or in NODE_OPTIONS, in either spelling", () => {
    expect(applyProcessHeapSettings(['--heap-growing-percent=50'], '')).toBeUndefined();
    expect(applyProcessHeapSettings([], '--max-old-space-size=512 --heap_growing_percent=0')).toBeUndefined();
    expect(applyProcessHeapSettings(['--enable-source-maps'], '--max-old-space-size=512')).toBe(
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    );
  });
});
