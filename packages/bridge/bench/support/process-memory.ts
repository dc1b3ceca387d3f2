// What a child process uses, read from outside through /proc (Linux): its resident set and lifetime peak, a split of
// the resident set by mapping (PGlite's WebAssembly memory apart from malloc arenas and the V8 heap), its CPU time.
import { readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in MB (values are in kB): VmRSS now, VmHWM the highest it ever was. */
export function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}

/** Resident MB per kind of mapping, from /proc/<pid>/smaps. */
export interface ResidentSplit {
  /**
   * WebAssembly memories (PGlite's HEAPU8): V8 reserves each with a guard region of several GB (`---p`) right after
   * its accessible part, so an anonymous read-write mapping followed by such a reservation is one; only its touched
   * pages are resident. `wasmSizeMb` is its accessible size (HEAPU8.length), `wasmMb` what of it is resident.
   */
  wasmMb: number;
  wasmSizeMb: number;
  /** glibc's per-thread malloc arenas (64 MB-aligned mappings): native allocations of other threads. */
  mallocArenasMb: number;
  /** The program break ([heap]): the main thread's malloc arena. */
  brkHeapMb: number;
  /** Other anonymous memory: V8's heap and code pages, large malloc blocks (big Buffers), thread stacks. */
  otherAnonymousMb: number;
  /** Files mapped in: the node binary, shared libraries (resident as read from the page cache). */
  filesMb: number;
  totalMb: number;
}

interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  name: string;
  rssKb: number;
}

const GUARD_REGION = 4n * 1024n * 1024n * 1024n;
const ARENA_ALIGNMENT = 64n * 1024n * 1024n;

function mappings(pid: number): Mapping[] {
  const list: Mapping[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      list.push({
        start: BigInt(`0x${header[1]}`),
        end: BigInt(`0x${header[2]}`),
        perms: header[3]!,
        name: header[4] ?? '',
        rssKb: 0,
      });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && list.length > 0) list.at(-1)!.rssKb = Number(rss[1]);
  }
  return list;
}

export function residentSplit(pid: number): ResidentSplit {
  const kb = { wasm: 0, wasmSize: 0, arenas: 0, brk: 0, other: 0, files: 0 };
  const list = mappings(pid);
  list.forEach((mapping, index) => {
    const next = list[index + 1];
    if (mapping.name === '[heap]') kb.brk += mapping.rssKb;
    else if (mapping.name.startsWith('/')) kb.files += mapping.rssKb;
    else if (
      mapping.perms.startsWith('rw') &&
      next?.start === mapping.end &&
      next.perms.startsWith('---') &&
      next.name === '' &&
      next.end - next.start >= GUARD_REGION
    ) {
      kb.wasm += mapping.rssKb;
      kb.wasmSize += Number((mapping.end - mapping.start) / 1024n);
    } else if (mapping.name === '' && mapping.start % ARENA_ALIGNMENT === 0n) kb.arenas += mapping.rssKb;
    else kb.other += mapping.rssKb;
  });
  const mb = (value: number) => Math.round(value / 1024);
  return {
    wasmMb: mb(kb.wasm),
    wasmSizeMb: mb(kb.wasmSize),
    mallocArenasMb: mb(kb.arenas),
    brkHeapMb: mb(kb.brk),
    otherAnonymousMb: mb(kb.other),
    filesMb: mb(kb.files),
    totalMb: mb(kb.wasm + kb.arenas + kb.brk + kb.other + kb.files),
  };
}

/** CPU time the process used so far (user + system, all its threads), ms, from /proc/<pid>/stat (100 ticks a second). */
export function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
