/**
 * One simulated participant going through ProASN (SE BKN 6/2026 §5.g): login, the five
 * instruments in order (manajerial & sosiokultural, potensi, literasi digital, Tripatha Karier,
 * Talent DNA) with a progress event every few real seconds, then `finished`, then the evaluation
 * questionnaire. Times are simulated minutes compressed by timeScale (20 → a 150-minute
 * measurement takes 7.5 real minutes). Pure state: the simulator's single loop calls step().
 *
 * Proctor commands (command()) act as the exam application would: pause freezes the participant
 * (no events, and the clock of the current step stands still, so the instrument takes as long as
 * it would have without the pause), resume continues, add_time is noted, end stops the test with
 * a `logout` event. A command for another NIP, or before login / after the end, is refused.
 */
import { INSTRUMENTS, type ParticipantEventInput, type StationCommand } from '../../protocol/index.ts';
import type { CommandResult } from '../command-inbox.ts';
import { between, type Rng } from './rng.ts';

const MIN = 60_000;
/**
 * Simulated minutes per instrument [min, max]: 138–175 in total, inside the 180-minute limit
 * (PROASN_DURATION_MIN). At timeScale 30 a participant takes ~5–6 real minutes, at 20 ~7–9.
 */
const INSTRUMENT_MINUTES: [number, number][] = [
  [65, 78], // manajerial_sosiokultural
  [33, 42], // potensi
  [15, 20], // literasi_digital
  [10, 15], // tripatha_karier
  [15, 20] //  talent_dna
];

export type ScriptOptions = {
  nip: string;
  name: string | null;
  timeScale: number;
  /** real ms after the simulation start when the participant logs in */
  startAfterMs: number;
  /** stop sending anything at this percent of this instrument (a stalled participant/PC) */
  stall?: { instrument: number; percent: number };
  /** real ms between two progress events [min, max]. Default [3000, 6000]: "every few seconds" */
  progressGapMs?: [number, number];
};

export type Phase = 'waiting' | 'intro' | 'instrument' | 'between' | 'questionnaire' | 'done' | 'stalled';

/** A command's answer, plus the event the exam application sends because of it (end → logout). */
export type ScriptCommandResult = CommandResult & { event?: ParticipantEventInput };

export class ParticipantScript {
  phase: Phase = 'waiting';
  nextAt: number;
  /** when a proctor paused this participant; null while not paused */
  pausedAt: number | null = null;
  /** minutes added by proctors (a real exam application would extend its countdown) */
  extraMin = 0;
  private idx = 0;
  private instStart = 0;
  private instDur = 0;

  constructor(
    private readonly opts: ScriptOptions,
    private readonly rng: Rng,
    t0: number
  ) {
    this.nextAt = t0 + opts.startAfterMs;
  }

  get active(): boolean {
    return this.phase !== 'done' && this.phase !== 'stalled';
  }
  get paused(): boolean {
    return this.pausedAt !== null;
  }
  get nip(): string {
    return this.opts.nip;
  }

  /** Applies a proctor's command at `now` (the exam application's side of station:command). */
  command(cmd: StationCommand, now: number): ScriptCommandResult {
    const refuse = (message: string): ScriptCommandResult => ({ result: 'refused', message });
    if (cmd.nip !== this.opts.nip) return refuse(`participant ${cmd.nip} is not the one at this station`);
    if (this.phase === 'waiting') return refuse('the participant has not logged in yet');
    if (this.phase === 'done') return refuse('the participant has already finished');
    switch (cmd.kind) {
      case 'pause':
        if (this.pausedAt !== null) return refuse('already paused');
        this.pausedAt = now;
        return { result: 'applied' };
      case 'resume': {
        if (this.pausedAt === null) return refuse('not paused');
        // Time stood still: everything scheduled moves by the pause.
        const pausedFor = Math.max(0, now - this.pausedAt);
        this.pausedAt = null;
        this.instStart += pausedFor;
        this.nextAt += pausedFor;
        return { result: 'applied' };
      }
      case 'add_time':
        this.extraMin += cmd.minutes ?? 0;
        return { result: 'applied' };
      case 'end':
        this.phase = 'done';
        this.nextAt = Infinity;
        this.pausedAt = null;
        return { result: 'applied', event: { type: 'logout', at: now } };
      default:
        return refuse(`unknown command ${String((cmd as { kind: unknown }).kind)}`);
    }
  }

  private sim(minutes: number): number {
    return (minutes * MIN) / this.opts.timeScale;
  }
  /** "every few seconds" in real time, whatever the time scale (tests ask for less) */
  private progressGap(): number {
    return between(this.rng, ...(this.opts.progressGapMs ?? [3000, 6000]));
  }

  /** The event due at `now`, if any; also schedules the next step. */
  step(now: number): ParticipantEventInput | null {
    if (now < this.nextAt || this.pausedAt !== null) return null;
    switch (this.phase) {
      case 'waiting':
        this.phase = 'intro';
        this.nextAt = now + this.sim(between(this.rng, 1, 3)); // instructions read aloud
        return { type: 'login', nip: this.opts.nip, name: this.opts.name, at: now };
      case 'intro':
      case 'between':
        if (this.phase === 'between' && ++this.idx >= INSTRUMENTS.length) {
          this.phase = 'questionnaire';
          this.nextAt = now + this.sim(between(this.rng, 3, 8));
          return { type: 'finished', at: now };
        }
        this.phase = 'instrument';
        this.instStart = now;
        this.instDur = this.sim(between(this.rng, ...INSTRUMENT_MINUTES[this.idx]));
        this.nextAt = now + this.progressGap();
        return { type: 'instrument', instrument: INSTRUMENTS[this.idx], at: now };
      case 'instrument': {
        const instrument = INSTRUMENTS[this.idx];
        let percent = Math.min(100, Math.floor(((now - this.instStart) / this.instDur) * 100));
        const stall = this.opts.stall;
        if (stall && stall.instrument === this.idx && percent >= stall.percent) {
          this.phase = 'stalled';
          this.nextAt = Infinity;
          percent = stall.percent;
        } else if (percent >= 100) {
          this.phase = 'between';
          this.nextAt = now + between(this.rng, 500, 2500);
        } else {
          this.nextAt = now + this.progressGap();
        }
        return { type: 'progress', instrument, percent, at: now };
      }
      case 'questionnaire':
        this.phase = 'done';
        this.nextAt = Infinity;
        return { type: 'questionnaire', at: now };
      default:
        return null;
    }
  }
}
