/** Connection state of the one dashboard socket, readable by any component (live-status badge). */
class LiveStatus {
  connected = $state(false);
  /** true once the first connect attempt has finished (success or failure) */
  settled = $state(false);
  /** last time the socket connected; a re-join compares against it */
  since = $state<number | null>(null);
}

export const liveStatus = new LiveStatus();
