/**
 * Reads the station's facts for the Lampiran II check (Perban BKN 4/2024 Lampiran II: CPU ≥ 1.6 GHz,
 * memory ≥ 4 GB, disk ≥ 120 GB, monitor 1920 × 1080, webcam, latest Chrome/Firefox/Edge or the BKN
 * browser, LAN 100/1000 Mbps or wireless). The server compares them with its limits; the agent
 * only reports what it saw.
 *
 * Rule: whatever cannot be read is null ("unknown" on the dashboard), never a guess or a default.
 * A proctor must be able to trust that a "pass" was measured. readStationFacts() never throws and
 * finishes within its time budget even when a probe hangs (si.graphics() spawns PowerShell/xrandr).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import si from 'systeminformation';
import { type StationFacts } from '../protocol/index.ts';
import { stationFactsSchema } from '../protocol/schemas/index.ts';

export type FactsProvider = () => Promise<StationFacts>;

export const UNKNOWN_FACTS: StationFacts = Object.freeze({
  cpuModel: null,
  cpuGhz: null,
  cpuCores: null,
  memoryGb: null,
  diskGb: null,
  screenWidth: null,
  screenHeight: null,
  webcam: null,
  browserName: null,
  browserVersion: null,
  os: null,
  networkType: null,
  networkMbps: null
});

/** Resolve to `fallback` if `p` rejects or takes longer than `ms`. */
function settle<T, F>(p: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    timer.unref?.();
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      () => (clearTimeout(timer), resolve(fallback))
    );
  });
}

const positive = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null);
const round = (n: number | null, digits = 1): number | null =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
/** RAM is sold in binary GB (a "4 GB" PC has 4 GiB installed)… */
const GIB = 1024 ** 3;
/** …disks in decimal GB (a "120 GB" SSD holds 120·10⁹ bytes = 111.8 GiB). Using GiB would fail it. */
const DISK_GB = 1e9;
const text = (s: unknown, max: number): string | null =>
  typeof s === 'string' && s.trim() ? s.trim().slice(0, max) : null;

export async function readStationFacts(opts: { timeoutMs?: number } = {}): Promise<StationFacts> {
  const ms = opts.timeoutMs ?? 3500;
  try {
    const [cpu, mem, modules, disks, fsSize, graphics, osInfo, net, webcam, browser] = await Promise.all([
      settle(si.cpu(), ms, null),
      settle(si.mem(), ms, null),
      settle(si.memLayout(), ms, null),
      settle(si.diskLayout(), ms, null),
      settle(si.fsSize(), ms, null),
      settle(si.graphics(), ms, null),
      settle(si.osInfo(), ms, null),
      settle(si.networkInterfaces('default') as Promise<si.Systeminformation.NetworkInterfacesData>, ms, null),
      settle(detectWebcam(), ms, null),
      settle(detectBrowser(), ms, null)
    ]);

    // Base clock; some VMs report 0 — then the max clock if known, else unknown.
    const ghz = positive(cpu?.speed) ?? positive(cpu?.speedMax);
    const cpuModel = cpu ? text([cpu.manufacturer, cpu.brand].filter(Boolean).join(' '), 120) : null;

    // Memory: installed modules when readable (total usable is lower by what the firmware and an
    // integrated GPU reserve, which would fail a real 4 GB PC), else the usable total.
    const installed = (modules ?? []).reduce((sum, m) => sum + (positive(m.size) ?? 0), 0);
    const memBytes = installed > 0 ? installed : positive(mem?.total);

    // Disk: the largest physical disk; containers and some VMs list none, then the system volume.
    const physical = Math.max(0, ...(disks ?? []).map((d) => positive(d.size) ?? 0));
    const rootMount = (fsSize ?? []).find((f) => f.mount === '/' || /^[A-Z]:\\?$/i.test(f.mount));
    const diskBytes = physical > 0 ? physical : positive(rootMount?.size);

    // Screen: the main display if flagged, else the first with a resolution. Headless: unknown.
    const displays = (graphics?.displays ?? []).filter((d) => positive(d.currentResX ?? d.resolutionX));
    const display = displays.find((d) => d.main) ?? displays[0];
    const width = positive(display?.currentResX) ?? positive(display?.resolutionX);
    const height = positive(display?.currentResY) ?? positive(display?.resolutionY);

    const nic = Array.isArray(net) ? net.find((n) => n.default) ?? null : net;
    const netType = nic?.type === 'wired' || nic?.type === 'wireless' ? nic.type : null;

    const osName = osInfo ? text([osInfo.distro, osInfo.release].filter(Boolean).join(' '), 120) : null;

    const facts: StationFacts = {
      cpuModel,
      cpuGhz: round(ghz, 2),
      cpuCores: positive(cpu?.cores),
      memoryGb: round(memBytes === null ? null : memBytes / GIB),
      diskGb: round(diskBytes === null ? null : diskBytes / DISK_GB, 0),
      screenWidth: width === null ? null : Math.round(width),
      screenHeight: height === null ? null : Math.round(height),
      webcam,
      browserName: browser?.name ?? null,
      browserVersion: browser?.version ?? null,
      os: osName,
      networkType: netType,
      networkMbps: positive(nic?.speed)
    };
    // Anything out of the contract's range becomes unknown rather than failing the hello.
    return sanitize(facts);
  } catch {
    return { ...UNKNOWN_FACTS };
  }
}

function sanitize(facts: StationFacts): StationFacts {
  const out = { ...facts } as Record<keyof StationFacts, unknown>;
  const shape = stationFactsSchema.shape;
  for (const key of Object.keys(shape) as (keyof StationFacts)[]) {
    if (!shape[key].safeParse(out[key]).success) out[key] = null;
  }
  return out as StationFacts;
}

// ---------------------------------------------------------------- webcam

/** Linux: any V4L device node. Elsewhere there is no cheap, dependency-free check: unknown. */
export async function detectWebcam(): Promise<boolean | null> {
  if (process.platform !== 'linux') return null;
  try {
    const entries = await fs.readdir('/dev');
    return entries.some((e) => /^video\d+$/.test(e));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- browser

export type BrowserInfo = { name: 'chrome' | 'edge' | 'firefox' | 'chromium'; version: string | null };

/** The first installed browser Lampiran II accepts, in order of preference, with its version when cheap to read. */
export async function detectBrowser(): Promise<BrowserInfo | null> {
  const finders = { linux: linuxBrowser, win32: windowsBrowser, darwin: macBrowser } as const;
  const find = finders[process.platform as keyof typeof finders];
  try {
    return find ? await find() : null;
  } catch {
    return null;
  }
}

const VERSION_RE = /(\d+\.\d+(?:\.\d+){0,2})/;

function run(file: string, args: string[], timeoutMs = 1500): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, windowsHide: true }, (err, stdout) =>
      resolve(err ? null : String(stdout))
    );
  });
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

async function linuxBrowser(): Promise<BrowserInfo | null> {
  const candidates: [BrowserInfo['name'], string[]][] = [
    ['chrome', ['google-chrome', 'google-chrome-stable']],
    ['edge', ['microsoft-edge', 'microsoft-edge-stable']],
    ['firefox', ['firefox', 'firefox-esr']],
    ['chromium', ['chromium', 'chromium-browser']]
  ];
  const dirs = (process.env.PATH ?? '/usr/bin:/bin').split(':').filter(Boolean);
  for (const [name, bins] of candidates) {
    for (const bin of bins) {
      for (const dir of dirs) {
        const file = path.join(dir, bin);
        if (!(await exists(file))) continue;
        // "<Name> 126.0.6478.126" — a snap/flatpak wrapper may not answer in time: then version unknown.
        const out = await run(file, ['--version']);
        return { name, version: out?.match(VERSION_RE)?.[1] ?? null };
      }
    }
  }
  return null;
}

async function windowsBrowser(): Promise<BrowserInfo | null> {
  const roots = [process.env['ProgramFiles'], process.env['ProgramFiles(x86)'], process.env['LOCALAPPDATA']].filter(
    (r): r is string => !!r
  );
  // Chrome and Edge keep a directory named after the installed version next to the exe.
  const chromium: [BrowserInfo['name'], string][] = [
    ['chrome', 'Google\\Chrome\\Application'],
    ['edge', 'Microsoft\\Edge\\Application']
  ];
  for (const [name, rel] of chromium) {
    for (const root of roots) {
      const dir = path.win32.join(root, rel);
      if (!(await exists(dir))) continue;
      const entries = await fs.readdir(dir).catch(() => [] as string[]);
      const versions = entries.filter((e) => /^\d+\.\d+\.\d+\.\d+$/.test(e)).sort(compareVersions);
      return { name, version: versions.at(-1) ?? null };
    }
  }
  for (const root of roots) {
    const ini = path.win32.join(root, 'Mozilla Firefox', 'application.ini');
    if (!(await exists(ini))) continue;
    const body = await fs.readFile(ini, 'utf8').catch(() => '');
    return { name: 'firefox', version: body.match(/^Version=(.+)$/m)?.[1]?.trim() ?? null };
  }
  return null;
}

async function macBrowser(): Promise<BrowserInfo | null> {
  const apps: [BrowserInfo['name'], string][] = [
    ['chrome', '/Applications/Google Chrome.app'],
    ['edge', '/Applications/Microsoft Edge.app'],
    ['firefox', '/Applications/Firefox.app'],
    ['chromium', '/Applications/Chromium.app']
  ];
  for (const [name, app] of apps) {
    if (!(await exists(app))) continue;
    const plist = await fs.readFile(path.join(app, 'Contents', 'Info.plist'), 'utf8').catch(() => '');
    const version = plist.match(/<key>CFBundleShortVersionString<\/key>\s*<string>([^<]+)<\/string>/)?.[1] ?? null;
    return { name, version };
  }
  return null;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
