/**
 * Proctor commands waiting for the exam application: the agent's onCommand handler when an exam
 * application talks to the agent over the exam bridge. The exam application polls GET /commands,
 * applies a command (or refuses it, e.g. when `nip` is not the participant logged in) and answers
 * with POST /commands/ack; that answer becomes the agent's acknowledgement to the server.
 *
 * Idempotent by id like the agent's inbox: a command handed over again (the server re-sends after
 * every hello, or the agent was re-created with a new token) waits on the same answer.
 */
import type { StationCommand } from '../protocol/index.ts';
import type { CommandResult } from './command-inbox.ts';

/** More unanswered commands than this means no exam application is listening; the oldest is dropped. */
export const MAX_WAITING_COMMANDS = 100;

type Waiting = { cmd: StationCommand; promise: Promise<CommandResult>; resolve: (r: CommandResult) => void; reject: (e: Error) => void };

export class CommandDesk {
  private readonly waiting = new Map<number, Waiting>();

  /** The agent's onCommand: resolves when the exam application answers. */
  readonly handle = (cmd: StationCommand): Promise<CommandResult> => {
    const known = this.waiting.get(cmd.id);
    if (known) return known.promise;
    let resolve!: Waiting['resolve'];
    let reject!: Waiting['reject'];
    const promise = new Promise<CommandResult>((res, rej) => ((resolve = res), (reject = rej)));
    this.waiting.set(cmd.id, { cmd, promise, resolve, reject });
    if (this.waiting.size > MAX_WAITING_COMMANDS) {
      const [oldId, oldest] = this.waiting.entries().next().value!;
      this.waiting.delete(oldId);
      // Unanswered, not refused: the server still shows it pending and re-sends it after a reconnect.
      oldest.reject(new Error(`command ${oldId} dropped: more than ${MAX_WAITING_COMMANDS} unanswered commands`));
    }
    return promise;
  };

  /** The commands the exam application has not answered yet, oldest first. */
  list(): StationCommand[] {
    return [...this.waiting.values()].map((w) => w.cmd);
  }

  /** The exam application's answer; false when no such command is waiting (unknown or already answered). */
  answer(id: number, r: CommandResult): boolean {
    const w = this.waiting.get(id);
    if (!w) return false;
    this.waiting.delete(id);
    w.resolve(r.message ? { result: r.result, message: r.message } : { result: r.result });
    return true;
  }
}
