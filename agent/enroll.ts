/**
 * Enrollment, the agent's side: exchange a one-time code (made by an admin or IT officer for one
 * seat, shown as XXXX-XXXX) for this seat's long-lived station token, `POST /api/enroll`.
 * Every failure becomes an EnrollError whose message says, Indonesian first, what the operator
 * at the PC should do next. Also the text for a token the server refuses later (revoked, or the
 * seat was enrolled again on another PC).
 */
import { CODE_ALPHABET } from '../protocol/index.ts';
import { ROUTES, type AnswerOf, type BodyOf, type ErrorOf } from '../protocol/routes.ts';

/** POST /api/enroll as the route table has it: what is sent, the answer, the refusal. */
type EnrollBody = BodyOf<typeof ROUTES.enroll>;
export type EnrollResponse = AnswerOf<typeof ROUTES.enroll>;
type EnrollRefusal = ErrorOf<typeof ROUTES.enroll>;

const ENROLL_TIMEOUT_MS = 15_000;

export type EnrollErrorCode =
  | 'INVALID_CODE' // rejected here, before asking the server
  | 'NOT_FOUND'
  | 'GONE'
  | 'INVALID_PAYLOAD'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'BAD_RESPONSE'
  | 'SERVER';

export class EnrollError extends Error {
  constructor(
    readonly code: EnrollErrorCode,
    /** Indonesian */
    readonly pesan: string,
    /** English */
    readonly english: string,
    readonly extra: { status?: number; retryAfterSec?: number; cause?: unknown } = {}
  ) {
    super(`${pesan}\n${english}`, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'EnrollError';
  }
}

/** Upper case, spaces and dashes removed: "abcd-efgh", "ABCD EFGH" and "abcdefgh" are one code. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s_\u2010-\u2015-]/g, '');
}

const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{8}$`);

/** The normalised code, or an INVALID_CODE error that names the likely typo. */
export function checkCode(input: string): string {
  const code = normalizeCode(input);
  if (CODE_RE.test(code)) return code;
  const bad = [...new Set([...code].filter((c) => !CODE_ALPHABET.includes(c)))].join(' ');
  const lookAlike = /[01IOL]/.test(code)
    ? { id: ' Kode tidak memakai 0, O, 1, I atau L.', en: ' Codes never contain 0, O, 1, I or L.' }
    : { id: '', en: '' };
  if (code.length !== 8) {
    throw new EnrollError(
      'INVALID_CODE',
      `Kode pendaftaran harus 8 karakter (XXXX-XXXX); yang diketik ${code.length} karakter.${lookAlike.id}`,
      `An enrollment code has 8 characters (XXXX-XXXX); ${code.length} were typed.${lookAlike.en}`
    );
  }
  throw new EnrollError(
    'INVALID_CODE',
    `Kode pendaftaran berisi karakter yang tidak dipakai: ${bad}.${lookAlike.id} Periksa kembali kodenya.`,
    `The enrollment code contains characters codes never use: ${bad}.${lookAlike.en} Check the code again.`
  );
}

export const formatCode = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;

const NEW_CODE = {
  id: 'Minta kode baru untuk PC ini kepada admin atau petugas TI.',
  en: 'Ask an admin or IT officer for a new code for this PC.'
};

/**
 * Exchanges the code (any spelling `normalizeCode` accepts) for this seat's token.
 * `hostname` is recorded in the server's audit trail (which PC took the seat).
 */
export async function enroll(
  serverUrl: string,
  code: string,
  hostname?: string,
  opts: { fetch?: typeof fetch; timeoutMs?: number } = {}
): Promise<EnrollResponse> {
  const normalized = checkCode(code);
  const url = serverUrl.replace(/\/+$/, '') + ROUTES.enroll.path;
  const payload: EnrollBody = { code: normalized, ...(hostname ? { hostname: hostname.slice(0, 100) } : {}) };
  const body = JSON.stringify(payload);
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, {
      method: ROUTES.enroll.method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? ENROLL_TIMEOUT_MS)
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const timedOut = (err as Error).name === 'TimeoutError';
    const why = timedOut ? 'timeout' : (cause?.code ?? cause?.message ?? (err as Error).message);
    // refused before anything was sent: the code is certainly unspent; a timeout or a reset may
    // have come after the server took it
    const unsent = !timedOut && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|bad port)$/.test(why);
    throw new EnrollError(
      'NETWORK',
      `Server ${serverUrl} tidak dapat dihubungi (${why}). Periksa alamat --server dan jaringan PC ini, lalu coba lagi` +
        (unsent ? ': kode belum terpakai.' : '. Bila server lalu menjawab "sudah dipakai", minta kode baru.'),
      `Cannot reach the server ${serverUrl} (${why}). Check the --server address and this PC's network, then try again` +
        (unsent ? ': the code has not been used.' : '. If the server then says "already used", ask for a new code.'),
      { cause: err }
    );
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (res.ok) {
    const r = json as Partial<EnrollResponse> | null;
    if (r?.ok === true && typeof r.token === 'string' && r.token && typeof r.stationId === 'number' && typeof r.stationCode === 'string') {
      return r as EnrollResponse;
    }
    throw new EnrollError(
      'BAD_RESPONSE',
      `Jawaban server ${serverUrl} bukan jawaban pendaftaran (HTTP ${res.status}). Apakah alamat --server benar?`,
      `The answer from ${serverUrl} is not an enrollment answer (HTTP ${res.status}). Is the --server address right?`,
      { status: res.status }
    );
  }
  // whatever answered may not be our server: every field of the refusal is read as optional
  const e = (json && typeof json === 'object' ? json : {}) as Partial<EnrollRefusal>;
  const status = res.status;
  switch (e.code) {
    case 'NOT_FOUND':
      throw new EnrollError(
        'NOT_FOUND',
        `Kode pendaftaran ${formatCode(normalized)} tidak dikenal oleh server ${serverUrl}. Periksa kembali kode dan alamat server. ${NEW_CODE.id}`,
        `The server ${serverUrl} does not know the enrollment code ${formatCode(normalized)}. Check the code and the server address. ${NEW_CODE.en}`,
        { status }
      );
    case 'GONE':
      throw new EnrollError(
        'GONE',
        `Kode pendaftaran ${formatCode(normalized)} sudah dipakai, kedaluwarsa, atau dicabut: kode hanya berlaku satu kali dan ada batas waktunya. ${NEW_CODE.id}`,
        `The enrollment code ${formatCode(normalized)} was already used, has expired or was revoked: a code works once and only for a limited time. ${NEW_CODE.en}`,
        { status }
      );
    case 'RATE_LIMITED': {
      const sec = e.retryAfterSec ?? (Number(res.headers.get('retry-after')) || undefined);
      throw new EnrollError(
        'RATE_LIMITED',
        `Terlalu banyak percobaan pendaftaran dari alamat ini; coba lagi${sec ? ` dalam ${sec} detik` : ' nanti'}.`,
        `Too many enrollment attempts from this address; try again${sec ? ` in ${sec} s` : ' later'}.`,
        { status, retryAfterSec: sec }
      );
    }
    case 'INVALID_PAYLOAD': {
      const detail = e.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new EnrollError(
        'INVALID_PAYLOAD',
        `Server menolak permintaan pendaftaran: ${e.pesan ?? 'data tidak valid'}${detail ? ` (${detail})` : ''}. Periksa kembali kodenya.`,
        `The server refused the enrollment request: ${e.message ?? 'invalid data'}${detail ? ` (${detail})` : ''}. Check the code again.`,
        { status }
      );
    }
    default:
      throw new EnrollError(
        'SERVER',
        `Pendaftaran gagal di server (HTTP ${status}${e.code ? ` ${e.code}` : ''}${e.pesan ? `: ${e.pesan}` : ''}). Coba lagi; bila tetap gagal, hubungi admin.`,
        `Enrollment failed on the server (HTTP ${status}${e.code ? ` ${e.code}` : ''}${e.message ? `: ${e.message}` : ''}). Try again; if it keeps failing, call an admin.`,
        { status }
      );
  }
}

/** One line for the operator, Indonesian / English. */
export function enrolledText(r: Pick<EnrollResponse, 'stationCode' | 'roomName' | 'venueName'>): string {
  return `PC ${r.stationCode} di ${r.roomName}, ${r.venueName} terdaftar / enrolled (PC ${r.stationCode} in ${r.roomName}, ${r.venueName})`;
}

/**
 * StationAgent reports a refused handshake as a warning "connection refused: <server error>";
 * the /station middleware refuses with UNAUTHORIZED only when it does not know the token.
 */
export function isTokenRefusal(warning: string): boolean {
  return /^connection refused: UNAUTHORIZED\b/.test(warning);
}

/** What to tell the operator when the server refuses the station token. */
export function tokenRefusedText(where: { stationCode?: string; tokenFile?: string | null; server: string }): string {
  const pc = where.stationCode ? `PC ${where.stationCode}` : 'PC ini';
  const pcEn = where.stationCode ? `PC ${where.stationCode}` : 'this PC';
  const file = where.tokenFile ? ` (${where.tokenFile})` : '';
  return [
    `TOKEN DITOLAK: server ${where.server} menolak token ${pc}${file}. Token sudah dicabut, atau kursi ini sudah didaftarkan ulang di PC lain.`,
    `PC ini harus didaftarkan ulang dengan kode baru dari admin/petugas TI:  npm run agent -- --server ${where.server} --enroll KODE`,
    `TOKEN REFUSED: the server ${where.server} refuses the token of ${pcEn}${file}. It was revoked, or this seat was enrolled again on another PC.`,
    `Re-enroll this PC with a new code from an admin/IT officer:  npm run agent -- --server ${where.server} --enroll CODE`
  ].join('\n');
}
