/**
 * Small helpers shared by the benchmark's processes: /proc readings, percentiles, CLI flags and
 * the IPC handshake with child processes. Linux only (the benchmark reads /proc).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clkTck: number | null = null;
/** Clock ticks per second of /proc/<pid>/stat utime and stime (`getconf CLK_TCK`, normally 100). */
export function clockTicks(): number {
  if (clkTck === null) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat fields 14 and 15. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so field 14 (utime) is rest[11] and field 15 (stime) rest[12].
  return (Number(rest[11]) + Number(rest[12])) / clockTicks();
}

/** Resident set size in MiB, from /proc/<pid>/status VmRSS (kB). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Peak resident set size in MiB (VmHWM). */
export function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Busy, steal and total jiffies of the whole machine (first line of /proc/stat). */
export function machineJiffies(): { busy: number; steal: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
  const idle = f[3] + f[4];
  return { busy: total - idle, steal: f[7] ?? 0, total };
}

/** Nearest-rank percentile of an unsorted array (sorted copy). NaN when empty. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (!values.length) return NaN;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** `--name value` / `--flag` parser; values stay strings. */
export function parseFlags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out.set(a.slice(2), argv[++i]);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

/** A driver's flags; with --help its usage goes to stderr and the process ends (exit 0). */
export function driverFlags(usage: string): Map<string, string> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has('help')) {
    console.error(usage);
    process.exit(0);
  }
  return flags;
}

export function numFlag(flags: Map<string, string>, name: string, def: number, min = -Infinity, max = Infinity): number {
  const raw = flags.get(name);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number in [${min}, ${max}], got "${raw}"`);
  return n;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A child started with an IPC channel exits when its parent goes away (even if the parent was SIGKILLed). */
export function exitWithParent(cleanup?: () => unknown): void {
  if (!process.send) return;
  process.on('disconnect', async () => {
    try { await cleanup?.(); } finally { process.exit(0); }
  });
}

/** Every way a bench child is told to stop: parent gone, SIGTERM/SIGINT, or an IPC `{ cmd: 'stop' }`. */
export function stopOnAnySignal(stop: () => Promise<void>): void {
  exitWithParent(stop);
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('message', (m: { cmd?: string }) => {
    if (m?.cmd === 'stop') void stop();
  });
}

export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);

/** Other work on the machine skews every figure (2 cores): the share of all cores busy over 2 s, said in the log. */
export async function machineBusyBefore(log: (line: string) => void): Promise<number> {
  const j0 = machineJiffies();
  await sleep(2000);
  const j1 = machineJiffies();
  const busy = (100 * (j1.busy - j0.busy)) / Math.max(1, j1.total - j0.total);
  log(`machine busy before the run: ${busy.toFixed(0)} % of all cores${busy > 15 ? ' — WARNING: other load on the machine will skew the figures' : ''}`);
  return busy;
}
