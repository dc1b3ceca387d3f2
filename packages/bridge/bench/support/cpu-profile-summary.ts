// Reads the .cpuprofile files `node --cpu-prof` wrote (the bridge child of the engine benchmark) and sums self time
// per function and per package, so the README can say where one process spends its CPU.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

export interface CpuProfileSummary {
  files: string[];
  sampledMs: number;
  top: Array<{ function: string; location: string; selfPercent: number }>;
  byPackage: Array<{ package: string; selfPercent: number }>;
}

/** Where a frame's code lives: a package under node_modules, the repo's own packages, node itself, or V8. */
function packageOf(url: string): string {
  if (!url) return '(native / idle / GC)';
  if (url.startsWith('node:')) return 'node core';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  const own = /packages\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (own) return `${own[1]}/src/${own[2]}`;
  return path.basename(url);
}

const shortLocation = (url: string, line: number) =>
  url ? `${url.replace(/^file:\/\//, '').replace(/^.*?(node_modules|packages)\//, '$1/')}:${line + 1}` : '';

/**
 * Sums the main thread's profiles in `dir` (node names them CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; thread
 * 0 is the main one, others are e.g. tsx's module loader worker): the `count` functions with the most self time, and
 * self time per package.
 */
export function summarizeCpuProfiles(dir: string, count: number): CpuProfileSummary | undefined {
  const all = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  const main = all.filter((file) => /\.0\.\d+\.cpuprofile$/.test(file));
  const files = main.length > 0 ? main : all;
  if (files.length === 0) return undefined;
  const byFunction = new Map<string, { function: string; location: string; hits: number }>();
  const byPackage = new Map<string, number>();
  let hits = 0;
  let sampledMs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    sampledMs += (profile.endTime - profile.startTime) / 1000;
    const hitsOf = new Map<number, number>();
    for (const sample of profile.samples) hitsOf.set(sample, (hitsOf.get(sample) ?? 0) + 1);
    for (const node of profile.nodes) {
      const nodeHits = hitsOf.get(node.id) ?? 0;
      if (nodeHits === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const key = `${functionName}@${url}:${lineNumber}`;
      const entry = byFunction.get(key) ?? {
        function: functionName || '(anonymous)',
        location: shortLocation(url, lineNumber),
        hits: 0,
      };
      entry.hits += nodeHits;
      byFunction.set(key, entry);
      const where = functionName === '(idle)' ? '(idle)' : packageOf(url);
      byPackage.set(where, (byPackage.get(where) ?? 0) + nodeHits);
      hits += nodeHits;
    }
  }
  const percent = (n: number) => Math.round((n / Math.max(1, hits)) * 1000) / 10;
  return {
    files,
    sampledMs: Math.round(sampledMs),
    top: [...byFunction.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, count)
      .map((entry) => ({ function: entry.function, location: entry.location, selfPercent: percent(entry.hits) })),
    byPackage: [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, n]) => ({ package: name, selfPercent: percent(n) })),
  };
}
