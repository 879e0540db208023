/**
 * A look inside a ZIP container (an .xlsx is one) before a library unpacks it whole: a 1 MB file
 * can unpack to gigabytes (a "zip bomb") and stall the server for every room. Each entry is
 * inflated here with a hard output cap — the real data, not the sizes the headers claim, which a
 * crafted file can fake — so nothing over the budget is ever held in memory.
 */
import { inflateRawSync } from 'node:zlib';

export type ZipVerdict = { ok: true; entries: number; unpacked: number } | { ok: false; reason: 'not_zip' | 'too_many_entries' | 'too_large' | 'unsupported' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Unpack every entry with `maxTotal` bytes of output in all; refuse beyond it or beyond `maxEntries`. */
export function checkZip(data: Buffer, limits: { maxTotal: number; maxEntries: number }): ZipVerdict {
  // the end-of-central-directory record sits in the last 22 + 65535 (comment) bytes
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (data.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) return { ok: false, reason: 'not_zip' };
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return { ok: false, reason: 'unsupported' }; // ZIP64: never needed for a roster
  if (count > limits.maxEntries) return { ok: false, reason: 'too_many_entries' };
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: 'not_zip' };
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const nameLen = data.readUInt16LE(at + 28), extraLen = data.readUInt16LE(at + 30), commentLen = data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    at += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL) return { ok: false, reason: 'not_zip' };
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + compressed > data.length) return { ok: false, reason: 'not_zip' };
    const body = data.subarray(start, start + compressed);
    const budget = limits.maxTotal - total;
    if (method === 0) total += body.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(body, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        return { ok: false, reason: (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || (err as Error).name === 'RangeError' ? 'too_large' : 'not_zip' };
      }
    } else return { ok: false, reason: 'unsupported' };
    if (total > limits.maxTotal) return { ok: false, reason: 'too_large' };
  }
  return { ok: true, entries: count, unpacked: total };
}
