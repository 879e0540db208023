/**
 * Child processes of a benchmark driver: started as `node --import tsx FILE …` with an IPC channel
 * (the pid is the node process itself, so /proc readings are its own), output to <tmp>/<name>.log,
 * stopped politely (IPC or SIGTERM, then SIGKILL), and all killed when the driver exits for any
 * reason. One scheme for every driver: bench.ts, action-bench.ts and tests/faults/faults.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type StartOptions = { execArgv?: string[]; onLine?: (line: string) => void };

export class Children {
  private readonly live = new Set<ChildProcess>();
  private readonly stopping = new WeakSet<ChildProcess>();
  /** set by the driver once its result is printed: exits after that are expected */
  finished = false;
  /** exits nobody asked for, as "name: code C signal S" */
  readonly unexpected: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly root: string, private readonly tmp: string, private readonly log: (msg: string) => void) {}

  start(name: string, file: string, args: string[], opts: StartOptions = {}): ChildProcess {
    const out = openSync(join(this.tmp, `${name}.log`), 'a');
    const child = spawn(process.execPath, [...(opts.execArgv ?? []), '--import', 'tsx', file, ...args], {
      cwd: this.root,
      stdio: ['ignore', opts.onLine ? 'pipe' : out, out, 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' }
    });
    if (opts.onLine && child.stdout) {
      let buf = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        try { writeSync(out, chunk); } catch { /* closed */ }
        buf += chunk;
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          opts.onLine!(line);
        }
      });
      child.once('exit', () => { try { closeSync(out); } catch { /* closed */ } });
    } else closeSync(out);
    this.live.add(child);
    child.on('exit', (code, signal) => {
      this.live.delete(child);
      if (!this.finished && !this.stopping.has(child)) {
        this.unexpected.push(`${name}: code ${code} signal ${signal}`);
        this.log(`child ${name} (pid ${child.pid}) exited unexpectedly: code ${code} signal ${signal}\n${this.tail(name)}`);
      }
    });
    return child;
  }

  /** Whether this child's exit was asked for (stop, kill9, killAll). */
  expected(child: ChildProcess): boolean {
    return this.stopping.has(child);
  }

  /** SIGKILL at once (a crash, on purpose), and wait until it is gone. */
  async kill9(child: ChildProcess): Promise<void> {
    this.stopping.add(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    tryKill(child.pid!, 'SIGKILL');
    await exited;
  }

  tail(name: string, lines = 20): string {
    try {
      return readFileSync(join(this.tmp, `${name}.log`), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** The next IPC message of this type; rejects on the child's `{ type: 'error' }`, its exit, or after `ms`. */
  waitMessage<T extends { type: string }>(child: ChildProcess, type: string, ms: number): Promise<T> {
    return new Promise((ok, ko) => {
      const timer = setTimeout(() => done(new Error(`no "${type}" from child ${child.pid} within ${ms} ms`)), ms);
      const onMsg = (m: T) => {
        if (m?.type === type) done(null, m);
        else if (m?.type === 'error') done(new Error(`child ${child.pid}: ${(m as unknown as { message: string }).message}`));
      };
      const onExit = (code: number | null) => done(new Error(`child ${child.pid} exited (${code}) before "${type}"`));
      const done = (err: Error | null, m?: T) => {
        clearTimeout(timer);
        child.off('message', onMsg);
        child.off('exit', onExit);
        if (err) ko(err);
        else ok(m!);
      };
      child.on('message', onMsg);
      child.once('exit', onExit);
    });
  }

  /** Asks a child to stop (IPC `{ cmd: 'stop' }` or SIGTERM), then SIGTERM, then SIGKILL. */
  async stop(child: ChildProcess, graceMs = 10_000, how: 'ipc' | 'sigterm' = 'ipc'): Promise<void> {
    this.stopping.add(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    if (how === 'sigterm') tryKill(child.pid!, 'SIGTERM');
    else try { child.send({ cmd: 'stop' }); } catch { /* channel closed */ }
    const t1 = setTimeout(() => child.pid && tryKill(child.pid, 'SIGTERM'), graceMs);
    const t2 = setTimeout(() => child.pid && tryKill(child.pid, 'SIGKILL'), graceMs + 3000);
    await exited;
    clearTimeout(t1);
    clearTimeout(t2);
  }

  /**
   * The driver's teardown, whatever ends it: every child killed and the temporary directory removed
   * (unless `keep`) on exit, on SIGINT/SIGTERM/SIGHUP, and after `timeoutS` seconds, when
   * `onTimeout` prints the driver's error line and the process exits 1 (unless the result was
   * printed first: printResult).
   */
  teardown(o: { keep: boolean; timeoutS: number; onTimeout: () => void }): void {
    process.on('exit', () => {
      this.killAll('SIGKILL');
      if (!o.keep) rmSync(this.tmp, { recursive: true, force: true });
    });
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(sig, () => {
        this.log(`${sig}: tearing down`);
        this.killAll('SIGKILL');
        process.exit(130);
      });
    }
    this.timer = setTimeout(() => {
      this.log(`overall timeout of ${o.timeoutS} s reached: tearing down`);
      this.finished = true;
      this.killAll('SIGKILL');
      o.onTimeout();
      process.exit(1);
    }, o.timeoutS * 1000);
  }

  /** The driver's ONE JSON line on stdout; exits of children after it are expected, the overall timeout is off. */
  printResult(result: object): void {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    console.log(JSON.stringify(result));
  }

  /**
   * Runs the driver's main and exits with the code it returns (0 without one). If it throws: the
   * error on stderr, every child killed, `{ error, ...context }` as the JSON line, exit `failCode`.
   */
  runMain(main: () => Promise<number | void>, context: Record<string, unknown>, failCode = 1): void {
    main().then(
      (code) => process.exit(code ?? 0),
      (err) => {
        this.finished = true;
        this.log(`failed: ${(err as Error)?.stack ?? err}`);
        this.killAll('SIGKILL');
        console.log(JSON.stringify({ error: String((err as Error)?.message ?? err), ...context }));
        process.exit(failCode);
      }
    );
  }

  /** Every child still running, by its own pid (never by name). */
  killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
    for (const c of this.live) {
      this.stopping.add(c);
      if (c.exitCode === null && c.signalCode === null && c.pid) tryKill(c.pid, signal);
    }
  }
}

export const tryKill = (pid: number, sig: NodeJS.Signals) => {
  try { process.kill(pid, sig); } catch { /* gone */ }
};
