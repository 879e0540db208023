/**
 * One shared ticking clock for every "time left" on screen. A single interval runs while at
 * least one component reads `clock.now` (createSubscriber), so 500 tiles cost one timer, not 500.
 * `offset` aligns the proctor's laptop clock with the server's (deadlines are server times).
 */
import { createSubscriber } from 'svelte/reactivity';

class ServerClock {
  offset = $state(0);
  #subscribe = createSubscriber((update) => {
    const id = setInterval(update, 1000);
    return () => clearInterval(id);
  });

  get now(): number {
    this.#subscribe();
    return Date.now() + this.offset;
  }

  /** Align to a server timestamp that was just received (network delay is ignored: ±1 s is fine). */
  sync(serverTime: number) {
    this.offset = serverTime - Date.now();
  }
}

export const clock = new ServerClock();
