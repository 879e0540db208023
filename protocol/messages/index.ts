/**
 * The one message catalog of the product: refusals, field issues, session-state names and PIN
 * verdicts, in Bahasa Indonesia (the source of truth) and English. The server refuses with a code
 * and parameters (`Msg`) and sends the words of both languages as `pesan` and `message`; the web
 * shows the words of the code in the proctor's language. Plain data and functions: no zod, no
 * server code — the web imports it as `$protocol/messages/index.ts`.
 *
 * paraglide-js was tried for this and not adopted (docs/dependencies.md).
 */
import type { ErrorCode } from '../error-codes.ts';
import type { PinVerifyOutcome, SessionStateName } from '../session.ts';
import { errorsEn } from './errors.en.ts';
import { pinOutcomesEn } from './pin-outcomes.en.ts';
import { errorsId } from './errors.id.ts';
import { pinOutcomesId } from './pin-outcomes.id.ts';
import { sessionStatesEn } from './session-states.en.ts';
import { sessionStatesId } from './session-states.id.ts';
import type { Mirror } from './params.ts';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

export { errorsId, errorCodesId, workNamesId, type IdentityCheck } from './errors.id.ts';
export { pinOutcomesId } from './pin-outcomes.id.ts';
export { pinOutcomesEn } from './pin-outcomes.en.ts';
export { errorsEn, errorCodesEn, workNamesEn } from './errors.en.ts';
export { sessionStatesId, sessionActionsId } from './session-states.id.ts';
export { sessionStatesEn, sessionActionsEn } from './session-states.en.ts';
export type { Mirror, TargetKind, WorkName } from './params.ts';

type Catalog = typeof errorsId;
/** Every refusal and issue the catalog words (the error codes themselves included). */
export type MessageCode = keyof Catalog;
/** A message without parameters takes `{}`. */
export type NoParams = Record<string, never>;
/** The parameters `code` needs, exactly: `message('issue.tooShort', { min: 8 }, 'id')`. */
export type ParamsOf<C extends MessageCode> = Catalog[C] extends (p: infer P) => string ? P : NoParams;

/** A refusal or an issue as data: a code and the parameters it needs. */
export type Msg = { [C in MessageCode]: ParamsOf<C> extends NoParams ? { code: C; params?: NoParams } : { code: C; params: ParamsOf<C> } }[MessageCode];

/** A parameter value as it travels in JSON. */
export type ParamValue = string | number | boolean | readonly (string | number)[] | undefined;
/** `params` on the wire: what `Msg['params']` becomes after JSON. */
export type WireParams = Record<string, ParamValue>;

/**
 * A field problem on the wire: `path` (dot-joined), `message` in English, and — when the catalog
 * words it — `code` and `params`, which the web shows in the user's language.
 */
export type Issue = { path: string; message: string; code?: MessageCode; params?: WireParams };

const TABLES: Record<Lang, Mirror<Catalog>> = { id: errorsId, en: errorsEn };

/** Renders one entry. The one loosening of types in the catalog: each table's entry for a code takes that code's parameters. */
function render(entry: string | ((p: never) => string), params: unknown): string {
  return typeof entry === 'string' ? entry : (entry as (p: unknown) => string)(params ?? {});
}

/** The words of `code` with `params`, in `lang`. */
export function message<C extends MessageCode>(code: C, params: ParamsOf<C>, lang: Lang): string {
  return render(TABLES[lang][code], params);
}

/** A typed `Msg`: `msg('session.unaccounted', { n: 3 })`; `msg('NOT_FOUND')` for one without parameters. */
export function msg<C extends MessageCode>(code: C, ...params: ParamsOf<C> extends NoParams ? [] : [ParamsOf<C>]): Msg {
  return (params.length ? { code, params: params[0] } : { code }) as Msg;
}

/** The words of a `Msg` in one language. */
export const say = (m: Msg, lang: Lang): string => render(TABLES[lang][m.code], m.params);

/** `message` (English) and `pesan` (Bahasa Indonesia) of a `Msg`, as the wire carries them. */
export const words = (m: Msg): { message: string; pesan: string } => ({ message: say(m, 'en'), pesan: say(m, 'id') });

export const isMessageCode = (code: unknown): code is MessageCode => typeof code === 'string' && Object.hasOwn(errorsId, code);

/**
 * The words for a code and parameters that came over the wire, or null when the code is not in
 * this catalog (a newer server) or the parameters do not fit it (then the caller falls back to
 * the error code's own words).
 */
export function wireMessage(code: unknown, params: unknown, lang: Lang): string | null {
  if (!isMessageCode(code)) return null;
  try {
    return render(TABLES[lang][code], params !== null && typeof params === 'object' ? params : {});
  } catch {
    return null;
  }
}

/** The one name of a session state (e.g. running → "berjalan" / "running"). */
export const stateName = (state: SessionStateName, lang: Lang): string => (lang === 'en' ? sessionStatesEn : sessionStatesId)[state];

/** What the exam application shows the participant for a PIN verdict. */
export const pinOutcomeText = (outcome: PinVerifyOutcome, lang: Lang): string => (lang === 'en' ? pinOutcomesEn : pinOutcomesId)[outcome];

/** Both languages of a message, for the places the wire carries `{ id, en }` (PIN verdicts, NIP problems). */
export const bilingual = (m: Msg): { id: string; en: string } => ({ id: say(m, 'id'), en: say(m, 'en') });

/** A field issue the server words itself (not zod's): at `path`, with the catalog's code and the English words. */
export const issueAt = (path: string, m: Msg): Issue => ({ path, message: say(m, 'en'), code: m.code, params: (m.params ?? {}) as WireParams });

/**
 * The words of a refusal as the wire carries them: `messageCode` and `params` when a specific
 * message says it (else the error code's own words), `message` in English and `pesan` in Bahasa
 * Indonesia — both from the catalog, never written apart.
 */
export function refusalWords(code: ErrorCode, m?: Msg | null): { messageCode?: MessageCode; params?: WireParams; message: string; pesan: string } {
  const the: Msg = m ?? { code };
  return { ...(m ? { messageCode: m.code, params: (m.params ?? {}) as WireParams } : {}), message: say(the, 'en'), pesan: say(the, 'id') };
}

/** A `Msg` as the wire's `messageCode` and `params` (what `sendError` words again from the catalog). */
export const wireMsg = (m: Msg): { messageCode: MessageCode; params: WireParams } => ({ messageCode: m.code, params: m.params ?? {} });
