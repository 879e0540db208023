/** Words for failures, in the proctor's language: API errors, socket errors, field issues. */
import { NIP_PROBLEM_TEXT } from '$protocol/nip.ts';
import { ApiError, type Issue } from './api.ts';
import { i18n, t, type MessageKey } from './i18n/i18n.svelte.ts';
import { RequestError } from './realtime/socket.ts';

const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** One sentence for a failed request: the server's own words when it sent them, else the code's. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t('error.NETWORK');
    const own = i18n.locale === 'id' ? err.pesan : err.message;
    if (own && !own.startsWith('HTTP ')) return capital(own.replace(/\.?$/, '.'));
    return t(`error.${err.code}` as MessageKey);
  }
  if (err instanceof RequestError) return t(`error.${err.code}` as MessageKey);
  return t('error.INTERNAL');
}

/** A field issue from the server (English) in the current language, when it is a known one. */
export function issueText(issue: Issue): string {
  const m = issue.message;
  for (const text of Object.values(NIP_PROBLEM_TEXT)) if (m === text.en) return capital(text[i18n.locale]);
  if (m === 'the password must not contain the NIP') return t('issue.pwNip');
  if (m === 'the password must not be one repeated character') return t('issue.pwRepeat');
  if (m === 'unknown venue') return t('issue.unknownVenue');
  const short = /at least (\d+) characters|>=(\d+) characters/.exec(m);
  if (short) return t('issue.tooShort', { n: short[1] ?? short[2] });
  const long = /at most (\d+) characters|<=(\d+) characters/.exec(m);
  if (long) return t('issue.tooLong', { n: long[1] ?? long[2] });
  if (issue.path.startsWith('roles')) return t('issue.roles');
  return capital(m);
}

/** The issue for `field` of a failed request, in words; '' when there is none. */
export function fieldError(err: unknown, field: string): string {
  if (!(err instanceof ApiError)) return '';
  const issue = err.issueFor(field);
  return issue ? issueText(issue) : '';
}
