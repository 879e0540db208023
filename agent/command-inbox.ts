/**
 * Proctor commands that reach this station (pause, resume, add time, end — issued when a technical
 * incident of Lampiran I.A, a power or network failure, interrupts a participant) and the agent's
 * answers to them.
 *
 * The server re-sends every command it has no acknowledgement for after each station:hello, so
 * the same id can arrive many times. The inbox makes that harmless:
 *   - a command is handed to the handler once; while the handler works, repeats are ignored;
 *   - its answer is remembered (the last RESULT_MEMORY ids), so a repeat is acknowledged again with
 *     the same answer and never applied twice;
 *   - an acknowledgement the server has not confirmed (lost with the connection) is sent again
 *     after the next hello.
 * Memory only: after an agent restart a re-sent command reaches the handler again, so whoever
 * applies commands (the exam application) should remember the ids it applied.
 * No timers: the agent calls resendUnconfirmed() from its hello ack.
 */
import type { Ack, CommandAckPayload, StationCommand } from '../protocol/index.ts';
import { PAYLOAD_LIMITS, PROTOCOL_VERSION } from '../protocol/index.ts';

export type CommandResult = { result: 'applied' | 'refused'; message?: string };
export type CommandHandler = (cmd: StationCommand) => Promise<CommandResult> | CommandResult;

/** Answers remembered for repeats; the server keeps far fewer commands pending per station. */
export const RESULT_MEMORY = 500;
/** Server answers to an ack that mean "try again later"; any other error drops the ack. */
const RETRYABLE = new Set(['NOT_READY', 'INTERNAL', 'RATE_LIMITED']);

export type InboxDeps = {
  handler: CommandHandler | undefined;
  /** emits station:command-ack; `done(null)` = no answer (timeout or disconnect) */
  sendAck: (p: CommandAckPayload, done: (res: Ack | null) => void) => void;
  canSend: () => boolean;
  warn: (message: string, detail?: unknown) => void;
  /** told once per command, when its answer is known (not for repeats) */
  handled: (cmd: StationCommand, r: CommandResult) => void;
};

export class CommandInbox {
  private readonly results = new Map<number, CommandResult>();
  private readonly working = new Set<number>();
  /** acks sent (or due) that the server has not confirmed */
  private readonly unconfirmed = new Map<number, CommandAckPayload>();
  /** acks waiting for the server's answer: a repeat meanwhile is not sent twice */
  private readonly sending = new Set<number>();

  constructor(private readonly deps: InboxDeps) {}

  /** Ids whose acknowledgement the server has not confirmed yet. */
  get unconfirmedIds(): number[] {
    return [...this.unconfirmed.keys()];
  }

  receive(cmd: StationCommand): void {
    if (!cmd || !Number.isSafeInteger(cmd.id) || cmd.id <= 0) return void this.deps.warn('command without a valid id ignored', cmd);
    const known = this.results.get(cmd.id);
    if (known) return this.ack(cmd.id, known); // a repeat: same answer, not applied again
    if (this.working.has(cmd.id)) return; // the handler is still on it; its answer is acked when ready
    const handler = this.deps.handler;
    if (!handler) return this.settle(cmd, { result: 'refused', message: 'no exam application handles commands on this station' });
    this.working.add(cmd.id);
    let pending: Promise<CommandResult> | CommandResult;
    try {
      pending = handler(cmd);
    } catch (err) {
      return this.failed(cmd, err);
    }
    Promise.resolve(pending).then(
      (r) => this.settle(cmd, normalise(r)),
      (err: unknown) => this.failed(cmd, err)
    );
  }

  /** After a hello: every answer the server did not confirm goes again. */
  resendUnconfirmed(): void {
    for (const id of [...this.unconfirmed.keys()]) this.ack(id);
  }

  private failed(cmd: StationCommand, err: unknown): void {
    // Not answered: the server re-sends the command after the next hello and the handler gets another go.
    this.working.delete(cmd.id);
    this.deps.warn(`command ${cmd.id} (${cmd.kind}) failed in its handler: ${(err as Error)?.message ?? err}`, err);
  }

  private settle(cmd: StationCommand, r: CommandResult): void {
    this.working.delete(cmd.id);
    this.results.set(cmd.id, r);
    if (this.results.size > RESULT_MEMORY) this.results.delete(this.results.keys().next().value!);
    this.deps.handled(cmd, r);
    this.ack(cmd.id, r);
  }

  private ack(id: number, r?: CommandResult): void {
    const payload: CommandAckPayload =
      this.unconfirmed.get(id) ?? { v: PROTOCOL_VERSION, id, result: r!.result, ...(r!.message ? { message: r!.message } : {}) };
    this.unconfirmed.set(id, payload);
    if (!this.deps.canSend() || this.sending.has(id)) return; // sent after the next hello / already on its way
    this.sending.add(id);
    this.deps.sendAck(payload, (res) => {
      this.sending.delete(id);
      if (!res) return; // no answer (timeout, disconnect): stays unconfirmed until the next hello
      if (res.ok || !RETRYABLE.has(res.code)) this.unconfirmed.delete(id);
      if (!res.ok) this.deps.warn(`command ack ${id} rejected: ${res.code} ${res.message}`, res);
    });
  }
}

/** A handler's answer cut to what the contract accepts. */
function normalise(r: CommandResult | null | undefined): CommandResult {
  const result = r?.result === 'applied' ? 'applied' : 'refused';
  const message = typeof r?.message === 'string' && r.message ? r.message.slice(0, PAYLOAD_LIMITS.maxShortText) : undefined;
  if (r?.result !== 'applied' && r?.result !== 'refused') return { result, message: message ?? 'the handler gave no valid result' };
  return message ? { result, message } : { result };
}
