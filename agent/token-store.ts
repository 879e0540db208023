/**
 * The station token file: what `--enroll CODE` received from the server, read by every later start.
 *
 *   { server, token, stationId, stationCode, roomId, roomName, venueName, enrolledAt }
 *
 * The token is a long-lived bearer secret for this seat: the file is written atomically (temp file
 * in the same directory, fsync, rename) with mode 0600 in a 0700 directory, and nothing here logs
 * it (`describeStation` is the loggable view). Default location, per machine rather than per user
 * (the agent may run as a service while the exam runs under another account):
 *   Windows  %ProgramData%\cact-agent\station.json
 *   others   /var/lib/cact-agent/station.json, or ~/.config/cact-agent/station.json
 *            ($XDG_CONFIG_HOME) when /var/lib cannot be written (not root)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const TOKEN_FILE_NAME = 'station.json';

const storedStationSchema = z.object({
  server: z.string().min(1),
  token: z.string().min(1).max(200),
  stationId: z.number().int().positive(),
  stationCode: z.string(),
  roomId: z.number().int().positive().optional(),
  roomName: z.string(),
  venueName: z.string(),
  enrolledAt: z.string()
});
export type StoredStation = z.infer<typeof storedStationSchema>;

/** Everything but the token: safe for logs and screens. */
export function describeStation(s: StoredStation): Omit<StoredStation, 'token'> {
  const { token: _token, ...rest } = s;
  return rest;
}

export class TokenFileError extends Error {
  constructor(
    readonly file: string,
    /** Indonesian first, then English */
    readonly pesan: string,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(`${pesan}\n${message}`, options);
    this.name = 'TokenFileError';
  }
}

type Platform = { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; home?: string };

/** Where the token file may live, most preferred first (per machine, then per user). */
export function tokenFileCandidates({ platform = process.platform, env = process.env, home = os.homedir() }: Platform = {}): string[] {
  if (platform === 'win32') {
    const p = path.win32;
    const programData = env.ProgramData || env.PROGRAMDATA || env.ALLUSERSPROFILE || 'C:\\ProgramData';
    const out = [p.join(programData, 'cact-agent', TOKEN_FILE_NAME)];
    if (env.LOCALAPPDATA) out.push(p.join(env.LOCALAPPDATA, 'cact-agent', TOKEN_FILE_NAME));
    return out;
  }
  const p = path.posix;
  const out = [p.join('/var/lib/cact-agent', TOKEN_FILE_NAME)];
  const config = env.XDG_CONFIG_HOME || (home ? p.join(home, '.config') : '');
  if (config) out.push(p.join(config, 'cact-agent', TOKEN_FILE_NAME));
  return out;
}

const isPermission = (err: unknown) => ['EACCES', 'EPERM', 'EROFS'].includes((err as NodeJS.ErrnoException)?.code ?? '');
const exists = (file: string) => {
  try {
    fs.statSync(file);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT'; // unreadable counts as present: say so, do not skip it
  }
};

/** The token file to read: the explicit one, else the first candidate that exists, else null. */
export function findTokenFile(explicit?: string, candidates = tokenFileCandidates()): string | null {
  if (explicit) return path.resolve(explicit);
  return candidates.find(exists) ?? null;
}

/**
 * The token file to write: the explicit one, else the first candidate whose directory can be
 * created and written. Checked before the enrollment code is spent (the code is one-time: a token
 * received and then not saved would be lost). A candidate whose file already exists but cannot be
 * replaced is an error, not a reason to fall back: the next start would read the stale one first.
 */
export function writableTokenFile(explicit?: string, candidates = tokenFileCandidates()): string {
  const list = explicit ? [path.resolve(explicit)] : candidates;
  let lastErr: unknown = null;
  for (const file of list) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const probe = tempName(file);
      fs.writeFileSync(probe, '', { mode: 0o600, flag: 'wx' });
      fs.unlinkSync(probe);
      return file;
    } catch (err) {
      lastErr = err;
      if (explicit || !isPermission(err) || exists(file)) {
        throw new TokenFileError(
          file,
          `File token ${file} tidak dapat ditulis (${(err as Error).message}). Jalankan sebagai Administrator/root atau pakai --token-file PATH.`,
          `Cannot write the token file ${file} (${(err as Error).message}). Run as Administrator/root or pass --token-file PATH.`,
          { cause: err }
        );
      }
    }
  }
  throw new TokenFileError(
    list.join(', '),
    `Tidak ada lokasi file token yang dapat ditulis (${list.join(', ')}). Pakai --token-file PATH.`,
    `No token file location can be written (${list.join(', ')}). Pass --token-file PATH.`,
    { cause: lastErr }
  );
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes the file atomically with mode 0600 (a reader sees the old file or the new one, never half). */
export function writeTokenFile(file: string, station: StoredStation): void {
  const data = storedStationSchema.parse(station);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = tempName(file);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600); // whatever the umask
    fs.writeSync(fd, JSON.stringify(data, null, 2) + '\n');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new TokenFileError(
      file,
      `File token ${file} tidak dapat disimpan: ${(err as Error).message}`,
      `Cannot save the token file ${file}: ${(err as Error).message}`,
      { cause: err }
    );
  }
  if (process.platform !== 'win32') {
    // make the rename itself durable; not possible (nor needed) on Windows
    try {
      const dfd = fs.openSync(path.dirname(file), 'r');
      try {
        fs.fsyncSync(dfd);
      } finally {
        fs.closeSync(dfd);
      }
    } catch {
      /* some filesystems refuse fsync on a directory */
    }
  }
}

export type ReadTokenFile = {
  station: StoredStation;
  /** POSIX only: group or others may read the file (someone loosened it, or it was copied in) */
  looseMode: boolean;
};

/** Reads and checks the file; null if it does not exist; TokenFileError if unreadable or malformed. */
export function readTokenFile(file: string): ReadTokenFile | null {
  let text: string;
  let mode = 0;
  try {
    text = fs.readFileSync(file, 'utf8');
    mode = fs.statSync(file).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new TokenFileError(
      file,
      `File token ${file} tidak dapat dibaca (${(err as Error).message}). Jalankan agen sebagai pengguna yang mendaftarkan PC ini (Administrator/root).`,
      `Cannot read the token file ${file} (${(err as Error).message}). Run the agent as the user that enrolled this PC (Administrator/root).`,
      { cause: err }
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const r = storedStationSchema.safeParse(parsed);
  if (!r.success) {
    throw new TokenFileError(
      file,
      `File token ${file} rusak atau bukan file token agen. Daftarkan ulang PC ini dengan kode baru (--enroll KODE).`,
      `The token file ${file} is damaged or not an agent token file. Re-enroll this PC with a new code (--enroll CODE).`
    );
  }
  return { station: r.data, looseMode: process.platform !== 'win32' && (mode & 0o077) !== 0 };
}
