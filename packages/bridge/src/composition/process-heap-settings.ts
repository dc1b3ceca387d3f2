// How the bridge process lets V8's heap grow: process-wide, so set by what runs the bridge as a process
// (npm start, `bridge serve`, the container), not by createBridge, which may live inside someone else's process.
import v8 from 'node:v8';

/**
 * After each full collection V8 lets the old generation grow to a multiple of what survived it, a factor it picks
 * between 1.1 and 4 from its own speed. The bridge's live data is small (about 60 MB of objects in a heap snapshot at
 * the peak of a 5,000-invoice batch), but at a batch intake of ~500–1,000 documents/s much short-lived data reaches
 * the old generation before it dies, so the heap kept 200–290 MB reserved, mostly garbage not yet collected. 20 %
 * growth keeps it near the live data at no measurable CPU cost, with no ceiling: a process that needs more still
 * gets it. Figures: packages/bridge/bench/README.md, "PGlite memory".
 */
export const HEAP_GROWING_PERCENT = 20;

const FLAG = '--heap-growing-percent';

/** Sets the heap growth unless the operator chose one (`node --heap-growing-percent=…` or NODE_OPTIONS). */
export function applyProcessHeapSettings(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): string | undefined {
  // V8 takes its flags with - or _ between the words.
  const chosen = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg.replaceAll('_', '-').startsWith(FLAG));
  if (chosen) return undefined;
  const flag = `${FLAG}=${HEAP_GROWING_PERCENT}`;
  v8.setFlagsFromString(flag);
  return flag;
}
