// Empties the emulator's state in place, so every route module holding the state object or its maps sees the reset.
import { createEmptyState, type EmulatorState } from '../state/emulator-state';

export function resetState(state: EmulatorState): void {
  const fresh = createEmptyState() as unknown as Record<string, unknown>;
  const current = state as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(fresh)) {
    const existing = current[field];
    if (existing instanceof Map && value instanceof Map) {
      existing.clear();
      for (const [key, inner] of value) existing.set(key, inner);
    } else if (Array.isArray(existing) && Array.isArray(value)) {
      existing.splice(0, existing.length, ...value);
    } else {
      current[field] = value;
    }
  }
}
