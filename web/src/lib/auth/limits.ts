/**
 * Numbers of the account rules the forms check before sending. The server's values live in
 * server/protocol/api.ts next to its zod schemas, which the browser must not bundle; the type
 * annotation makes svelte-check fail if the two ever differ.
 */
import type { PASSWORD_MIN as SERVER_PASSWORD_MIN } from '$protocol/api.ts';

export const PASSWORD_MIN: typeof SERVER_PASSWORD_MIN = 10;
