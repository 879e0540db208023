/**
 * What the forms share: the facts every document names (place, agency, the venue's zone), the
 * closing sentence, the signature blocks of the two parties, and times written on the venue's
 * clock with the zone's name (Perban BKN 4/2024 Lampiran I.C, III).
 */
import { TIME_ZONE_INFO, type VenueTimeZone } from '../../../protocol/activity.ts';
import { clockIn, dateIn } from '../../../protocol/format/time.ts';
import { placeAndDate } from '../../../protocol/format/terbilang.ts';
import type { Block, SignatureBlock } from '../model.ts';

export type Person = { name: string; nip: string | null; jabatan?: string | null };

/** The venue as the forms name it. `city`: the place written before the date under the text. */
export type Place = { venueName: string; address: string | null; city: string; zone: VenueTimeZone };

/** A calendar date (YYYY-MM-DD) of a moment on the venue's clock. */
export function venueDate(ms: number, zone: VenueTimeZone): string {
  return new Date(ms + TIME_ZONE_INFO[zone].offsetMin * 60_000).toISOString().slice(0, 10);
}

/** "08.00 WITA" */
export const timeAt = (ms: number, zone: VenueTimeZone) => `${clockIn('id', ms, { zone })} ${TIME_ZONE_INFO[zone].abbr}`;

/** "7 Des 2026, 08.00 WITA" */
export const dateTimeAt = (ms: number, zone: VenueTimeZone) => `${dateIn('id', ms, { zone })}, ${timeAt(ms, zone)}`;

/** "Kantor Regional I BKN Yogyakarta, Jl. Magelang Km 7,5, Sleman" */
export const placeText = (p: Place) => (p.address ? `${p.venueName}, ${p.address}` : p.venueName);

export const CLOSING = 'Demikian Berita Acara ini dibuat dengan sebenarnya dan untuk dipergunakan sebagaimana mestinya.';

/** The two parties' signature blocks, the date line over the right one (as the forms print it). */
export function twoParties(place: Place, issuedAt: number, bkn: Person, instansi: Person, captions = { bkn: 'Tim Penyelenggara CACT BKN,', instansi: 'Instansi Pengguna,' }): Block {
  const left: SignatureBlock = { caption: ['', captions.bkn], name: bkn.name, nip: bkn.nip };
  const right: SignatureBlock = { caption: [placeAndDate(place.city, venueDate(issuedAt, place.zone)), captions.instansi], name: instansi.name, nip: instansi.nip };
  return { kind: 'signatures', blocks: [left, right] };
}

/** "—" for a missing value, never an empty cell that reads as forgotten. */
export const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));
