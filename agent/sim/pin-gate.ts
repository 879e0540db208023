/**
 * A simulated participant typing the session PIN before the exam application logs them in
 * (Pasal 14(1)i, SE BKN 6/2026 §5.i.3.b.2.b: the proctors set up the session and read its PIN out).
 * The participant looks at the projector (the PIN provider) every POLL_MS until a PIN is shown,
 * types it, and on a refusal looks again after RETRY_MS — also while the proctor has not started
 * the test yet (`not_started`: the PIN opens the test only once it runs). Sent to the
 * registration desk (`unregistered`) they come back after UNREGISTERED_RETRY_MS. Offline
 * (NOT_READY) it simply waits.
 * A station listed in wrongPinFirst mistypes once: the first PIN the server actually judges is
 * wrong, so the dashboard sees one refused attempt.
 *
 * No timers: the simulator's shared loop calls poll(); an attempt in flight is a promise.
 */
import { PIN_ALPHABET, type PinVerifyAck, type PinVerifyOutcome } from '../../protocol/index.ts';

/** what the projector shows: the current PIN, or null when there is none yet */
export type PinSource = () => string | null | Promise<string | null>;

const POLL_MS = 2000;
const RETRY_MS = 3000;
/** a locked station: a proctor may unlock it any time, so look again every few seconds */
const LOCKED_POLL_MS = 5000;
/** "go to the registration desk first": the walk there and back */
const UNREGISTERED_RETRY_MS = 30_000;

export type PinGateOptions = {
  source: PinSource;
  nip: string;
  verify: (pin: string, nip: string) => Promise<PinVerifyAck>;
  wrongFirst: boolean;
};

export class PinGate {
  passed = false;
  /** PINs typed and judged by the server (right or wrong) */
  attempts = 0;
  /** the server's last verdict (e.g. not_started while the proctor has not started the test) */
  lastOutcome: PinVerifyOutcome | null = null;
  private busy = false;
  private nextAt = 0;
  private mistype: boolean;

  constructor(private readonly opts: PinGateOptions) {
    this.mistype = opts.wrongFirst;
  }

  /** Starts an attempt when one is due; true once the PIN was accepted. */
  poll(now: number): boolean {
    if (this.passed) return true;
    if (this.busy || now < this.nextAt) return false;
    this.busy = true;
    void this.attempt().finally(() => (this.busy = false));
    return false;
  }

  private async attempt(): Promise<void> {
    let pin: string | null = null;
    try {
      pin = await this.opts.source();
    } catch {
      pin = null; // nothing on the projector yet
    }
    if (!pin) return void (this.nextAt = Date.now() + POLL_MS);
    const res = await this.opts.verify(this.mistype ? mistyped(pin) : pin, this.opts.nip);
    if (!res.ok) return void (this.nextAt = Date.now() + POLL_MS); // offline or no answer: not judged, wait
    this.attempts++;
    this.lastOutcome = res.outcome;
    if (res.valid) return void (this.passed = true);
    // Only a PIN the server compared counts as the one mistake (not "no session running" or "locked").
    if (res.outcome === 'wrong') this.mistype = false;
    this.nextAt = Date.now() + (res.outcome === 'locked' ? LOCKED_POLL_MS : res.outcome === 'unregistered' ? UNREGISTERED_RETRY_MS : RETRY_MS);
  }
}

/** The PIN with its last character replaced by another one of the alphabet: surely wrong. */
export function mistyped(pin: string): string {
  const p = pin.trim().toUpperCase();
  const last = p.at(-1) ?? '';
  const next = PIN_ALPHABET[(PIN_ALPHABET.indexOf(last) + 1) % PIN_ALPHABET.length];
  return p.slice(0, -1) + next;
}
