/**
 * One request a form sends: `busy` while it runs (the submit button shows it and a second submit
 * is ignored), and its failure kept for the form to show next to the fields it names.
 */
export class Submission {
  busy = $state(false);
  failure = $state<unknown>(null);

  /** Runs `send`; true when it went through. */
  async run(send: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.failure = null;
    try {
      await send();
      return true;
    } catch (err) {
      this.failure = err;
      return false;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.failure = null;
  }
}
