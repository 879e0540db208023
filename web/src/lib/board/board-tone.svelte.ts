/**
 * The board's optional tone: a short beep when the number of critical venues rises. Off unless
 * the coordinator turns it on (kept in localStorage, so a wall screen keeps it); browsers refuse
 * sound nobody allowed, and turning the switch on is that permission (the click starts the audio
 * context). Mute silences it for this tab without turning it off.
 */
const KEY = 'cact.boardTone';

class BoardTone {
  enabled = $state(false);
  muted = $state(false);
  #ctx: AudioContext | null = null;

  constructor() {
    try {
      this.enabled = typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === '1';
    } catch {
      // storage unavailable: off
    }
  }

  /** Turn the tone on or off (a click: the browser then lets the page play sound). */
  setEnabled(on: boolean) {
    this.enabled = on;
    if (on) this.muted = false;
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // storage unavailable: the switch applies to this tab
    }
    if (on) {
      this.#context();
      this.play();
    }
  }

  #context(): AudioContext | null {
    if (typeof window === 'undefined' || typeof AudioContext === 'undefined') return null;
    this.#ctx ??= new AudioContext();
    if (this.#ctx.state === 'suspended') void this.#ctx.resume().catch(() => undefined);
    return this.#ctx;
  }

  /** Two short beeps (880 Hz, then 660 Hz), quiet; nothing when off or muted. */
  play() {
    if (!this.enabled || this.muted) return;
    const ctx = this.#context();
    if (!ctx) return;
    const t0 = ctx.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const start = t0 + i * 0.22;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.2);
    }
  }
}

export const boardTone = new BoardTone();
