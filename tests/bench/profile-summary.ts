/**
 * Summarises a V8 .cpuprofile (from bench.ts --profile, or node --cpu-prof): self time per
 * function and per source file, plus inclusive time of the top-level entries that matter.
 *   npx tsx tests/bench/profile-summary.ts FILE.cpuprofile [--top 30]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
};
export type CpuProfile = { nodes: Node[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] };

export type Row = { name: string; where: string; ms: number; pct: number };
export type Summary = { totalMs: number; idleMs: number; busyMs: number; self: Row[]; files: Row[]; inclusive: Row[]; project: Row[] };

const cwd = process.cwd();
function where(url: string, line: number, col = -1): string {
  if (!url) return '(native)';
  let p = url;
  try {
    if (url.startsWith('file://')) p = relative(cwd, fileURLToPath(url));
  } catch { /* keep the url */ }
  // tsx's transform does not keep line breaks, so the column is what tells two functions apart
  return line >= 0 ? `${p}:${line + 1}${col >= 0 ? `:${col + 1}` : ''}` : p;
}
const fileOf = (url: string) => {
  if (!url) return '(native / V8 builtins)';
  try {
    const p = url.startsWith('file://') ? relative(cwd, fileURLToPath(url)) : url;
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
    return m ? `node_modules/${m[1]}` : p;
  } catch {
    return url;
  }
};

export function summarize(profile: CpuProfile, top = 30): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Time per node from samples and timeDeltas (more precise than hitCount × interval).
  const selfUs = new Map<number, number>();
  if (profile.samples && profile.timeDeltas) {
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = profile.timeDeltas[i + 1] ?? 0;
      selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + Math.max(0, dt));
    }
  } else {
    const total = profile.endTime - profile.startTime;
    const hits = profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0) || 1;
    for (const n of profile.nodes) selfUs.set(n.id, ((n.hitCount ?? 0) / hits) * total);
  }
  const totalUs = profile.endTime - profile.startTime;
  let idleUs = 0;
  const fnSelf = new Map<string, { name: string; where: string; us: number }>();
  const fileSelf = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = selfUs.get(n.id) ?? 0;
    if (!us) continue;
    const f = n.callFrame;
    if (f.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const key = `${f.functionName}@${f.url}:${f.lineNumber}:${f.columnNumber}`;
    const row = fnSelf.get(key) ?? { name: f.functionName || '(anonymous)', where: where(f.url, f.lineNumber, f.columnNumber), us: 0 };
    row.us += us;
    fnSelf.set(key, row);
    const file = fileOf(f.url);
    fileSelf.set(file, (fileSelf.get(file) ?? 0) + us);
  }
  // Inclusive time per function (counted once per stack even if recursive).
  const incl = new Map<string, { name: string; where: string; us: number }>();
  const walk = (id: number, stack: Set<string>): number => {
    const n = byId.get(id)!;
    let us = selfUs.get(id) ?? 0;
    const f = n.callFrame;
    const key = `${f.functionName}@${f.url}:${f.lineNumber}:${f.columnNumber}`;
    const fresh = !stack.has(key);
    if (fresh) stack.add(key);
    for (const c of n.children ?? []) us += walk(c, stack);
    if (fresh) {
      stack.delete(key);
      if (f.functionName !== '(root)' && f.functionName !== '(idle)') {
        const row = incl.get(key) ?? { name: f.functionName || '(anonymous)', where: where(f.url, f.lineNumber, f.columnNumber), us: 0 };
        row.us += us;
        incl.set(key, row);
      }
    }
    return us;
  };
  walk(profile.nodes[0].id, new Set());
  const busyUs = totalUs - idleUs;
  const rows = (m: Iterable<{ name: string; where: string; us: number }>) =>
    [...m].sort((a, b) => b.us - a.us).slice(0, top).map((r) => ({ name: r.name, where: r.where, ms: Math.round(r.us / 100) / 10, pct: Math.round((1000 * r.us) / busyUs) / 10 }));
  return {
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    self: rows(fnSelf.values()),
    files: rows([...fileSelf].map(([file, us]) => ({ name: file, where: '', us }))),
    inclusive: rows(incl.values()),
    // our own code (server/, db/, agent/): inclusive, i.e. with the library calls it makes
    project: rows([...incl.values()].filter((r) => /^(server|db|agent)\//.test(r.where)))
  };
}

export function formatSummary(s: Summary): string {
  const out: string[] = [];
  out.push(`profile: ${s.totalMs} ms wall, ${s.busyMs} ms busy (${Math.round((100 * s.busyMs) / Math.max(1, s.totalMs))} %), ${s.idleMs} ms idle; % below are of busy time`);
  out.push('', 'self time by function:');
  for (const r of s.self) out.push(`  ${r.pct.toFixed(1).padStart(5)} %  ${String(r.ms).padStart(8)} ms  ${r.name}  ${r.where}`);
  out.push('', 'self time by file / package:');
  for (const r of s.files) out.push(`  ${r.pct.toFixed(1).padStart(5)} %  ${String(r.ms).padStart(8)} ms  ${r.name}`);
  out.push('', 'inclusive time by function:');
  for (const r of s.inclusive) out.push(`  ${r.pct.toFixed(1).padStart(5)} %  ${String(r.ms).padStart(8)} ms  ${r.name}  ${r.where}`);
  out.push('', 'inclusive time of project code (server/, db/, agent/):');
  for (const r of s.project) out.push(`  ${r.pct.toFixed(1).padStart(5)} %  ${String(r.ms).padStart(8)} ms  ${r.name}  ${r.where}`);
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx tests/bench/profile-summary.ts FILE.cpuprofile [--top N]');
    process.exit(2);
  }
  const i = process.argv.indexOf('--top');
  const top = i > 0 ? Number(process.argv[i + 1]) || 30 : 30;
  console.log(formatSummary(summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top)));
}
