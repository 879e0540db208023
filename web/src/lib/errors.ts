/**
 * Words for failures, in the proctor's language: API errors, socket errors, field issues. The
 * server says what went wrong as codes and parameters (`messageCode`, `params`, each issue's
 * `code`); the words are the shared catalog's (protocol/messages/) in the current language —
 * never the server's English sentences matched.
 */
import type { ErrorCode } from '$protocol';
import { wireMessage } from '$protocol/messages/index.ts';
import { ApiError, type Issue } from './api.ts';
import { i18n, t, tm } from './i18n/i18n.svelte.ts';
import { RequestError } from './realtime/socket.ts';

const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** A refusal's own message when it named one the catalog knows, else the words of its error code. */
function refusalText(code: ErrorCode, answer: unknown): string {
  const a = answer !== null && typeof answer === 'object' ? (answer as { messageCode?: unknown; params?: unknown }) : {};
  return capital(wireMessage(a.messageCode, a.params, i18n.locale) ?? tm(code, {}));
}

/** One sentence for a failed request. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'NETWORK' ? t('error.NETWORK') : refusalText(err.code, err.body);
  if (err instanceof RequestError) {
    return err.code === 'TIMEOUT' || err.code === 'DISCONNECTED' ? t(`error.${err.code}`) : refusalText(err.code, err.detail);
  }
  return tm('INTERNAL', {});
}

/** A field issue from the server in the current language: the catalog's words for its code. */
export function issueText(issue: Issue): string {
  // the user forms name the roles field in their own words
  if (issue.path.startsWith('roles')) return t('issue.roles');
  return capital(wireMessage(issue.code, issue.params, i18n.locale) ?? issue.message);
}

/** The issue for `field` of a failed request, in words; '' when there is none. */
export function fieldError(err: unknown, field: string): string {
  if (!(err instanceof ApiError)) return '';
  const issue = err.issueFor(field);
  return issue ? issueText(issue) : '';
}
