/**
 * Seeds a venue with rooms, stations (each with a fresh station token, returned once and stored
 * only as a hash), a running session and its participants. Used by the demo, the benchmark and
 * the tests; production venues come from the admin screens of the accounts issue.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { hashToken } from '../db/queries/stations.ts';
import { attendance, participants, rooms, sessionChecklists, sessionPins, sessions, sessionTransitions, stations, venues } from '../db/schema.ts';
import { generatePin } from '../server/domain/pin-rules.ts';
import { CHECKLIST_KEYS } from '../protocol/session.ts';
import type { VenueTimeZone } from '../protocol/activity.ts';
import { venueDay } from '../server/domain/activity-rules.ts';

export type SeedRoom = {
  code: string; name: string; rows: number; cols: number;
  /** stations to create, filling rows front to back; default rows × cols */
  seats?: number;
  spares?: number;
  /**
   * running: a session under way (its history — checklist, registration, start — is seeded too);
   * scheduled / preparation: one still to run, at `startsInMin` from now, for walking through session
   * control; its roster is seeded unless `roster` is false (then it comes by import), and unseated.
   */
  session?: 'running' | 'preparation' | 'scheduled' | null;
  startsInMin?: number;
  /**
   * The many-venue demo and the coordinator benchmark (seedDemoVenues) also seed sessions that are
   * open (registration under way), finished earlier today, or postponed, at `scheduledAt`; their
   * history is not seeded, only the state the board counts.
   */
  state?: 'open' | 'finished' | 'postponed';
  /** when the session was scheduled (default: now when running, else now + startsInMin) */
  scheduledAt?: number;
  roster?: boolean;
};
export type SeededStation = {
  stationId: number;
  roomId: number;
  venueId: number;
  code: string;
  token: string;
  participant: { nip: string; name: string } | null;
};

const GIVEN = ['Ahmad', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Gilang', 'Hana', 'Indra', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Oka', 'Putri', 'Rahmat', 'Sari', 'Teguh', 'Utami', 'Wahyu', 'Yogi', 'Zahra', 'Agus', 'Bayu', 'Dian', 'Fajar', 'Gita', 'Hendra', 'Intan'];
const FAMILY = ['Saputra', 'Wibowo', 'Lestari', 'Nugroho', 'Siregar', 'Hidayat', 'Pratama', 'Kusuma', 'Santoso', 'Rahayu', 'Simanjuntak', 'Wijaya', 'Harahap', 'Purnomo', 'Setiawan', 'Manurung', 'Susanti', 'Gunawan'];

/** A deterministic, plausible NIP: birth date, CPNS year+month, sex digit, sequence. */
export function demoNip(i: number): string {
  const year = 1970 + (i * 7) % 26;
  const month = 1 + (i * 5) % 12;
  const day = 1 + (i * 11) % 28;
  const cpnsYear = year + 22 + (i % 8);
  const cpnsMonth = 1 + (i * 3) % 12;
  const sex = i % 2 === 0 ? 1 : 2;
  const seq = 1 + (i % 999);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${year}${p(month, 2)}${p(day, 2)}${cpnsYear}${p(cpnsMonth, 2)}${sex}${p(seq, 3)}`;
}

/** Seat rows are lettered A, B, … Z, AA, AB, … as on a room plan. */
export function rowLabel(row: number): string {
  let s = '';
  for (let n = row; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const demoName = (i: number) => `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7 + Math.floor(i / GIVEN.length)) % FAMILY.length]}`;

export function seedVenue(
  db: Db,
  v: { code: string; name: string; kind?: string; address?: string; region?: string; timeZone?: VenueTimeZone; rooms: SeedRoom[]; now?: number; instansi?: string[] }
): SeededStation[] {
  const now = v.now ?? Date.now();
  const out: SeededStation[] = [];
  let personIndex = 0;
  // a session usually gathers one agency; a shared one shows why operators must see only their own
  const agencies = v.instansi ?? ['Pemerintah Kabupaten Sleman'];
  db.transaction((tx) => {
    const venue = tx.insert(venues).values({ code: v.code, name: v.name, kind: v.kind ?? 'kanreg', address: v.address ?? null, region: v.region ?? null, timeZone: v.timeZone ?? 'Asia/Jakarta' }).returning().get();
    for (const r of v.rooms) {
      const room = tx.insert(rooms).values({ venueId: venue.id, code: r.code, name: r.name, rows: r.rows, cols: r.cols }).returning().get();
      const running = r.session === 'running';
      const state = r.state ?? r.session;
      const scheduledAt = r.scheduledAt ?? (running ? now : now + (r.startsInMin ?? 90) * 60_000);
      const session = state
        ? tx.insert(sessions).values({
            roomId: room.id, code: `${r.code}-S1`, name: `Sesi 1 ProASN ${r.name}`, state,
            scheduledAt, startedAt: running ? now : state === 'finished' ? scheduledAt : null, durationMin: 180,
            stateChangedAt: now, finishedAt: state === 'finished' ? Math.min(now, scheduledAt + 180 * 60_000) : null
          }).returning().get()
        : null;
      if (session && running) seedRunningHistory(tx as unknown as Db, session.id, now);
      const seatRoster = running;
      const withRoster = r.roster ?? true;
      const seats = Math.min(r.seats ?? r.rows * r.cols, r.rows * r.cols);
      const spares = r.spares ?? 0;
      for (let k = 0; k < seats; k++) {
        const row = Math.floor(k / r.cols) + 1;
        const col = (k % r.cols) + 1;
        const spare = k >= seats - spares;
        const code = spare ? `${r.code}-C${k - (seats - spares) + 1}` : `${r.code}-${rowLabel(row)}${String(col).padStart(2, '0')}`;
        const token = randomBytes(24).toString('base64url');
        const st = tx.insert(stations).values({ roomId: room.id, code, row, col, spare, tokenHash: hashToken(token), tokenIssuedAt: now }).returning().get();
        let participant: SeededStation['participant'] = null;
        if (session && !spare) {
          const i = personIndex++;
          const person = { nip: demoNip(i + v.code.length * 1000), name: demoName(i) };
          // without a roster the people still exist (the simulated stations know who will sit
          // there); their data comes by import (`participantCsv` writes the file)
          participant = person;
          const p = !withRoster ? null : tx.insert(participants).values({
            sessionId: session.id, nip: person.nip, name: person.name, jabatan: 'Analis SDM Aparatur', jenjang: 'Ahli Pertama',
            unitKerja: 'Badan Kepegawaian dan Pengembangan SDM', instansi: agencies[i % agencies.length],
            nomorPeserta: `P-${String(i + 1).padStart(4, '0')}`, stationId: seatRoster ? st.id : null
          }).returning().get();
          if (p && running) {
            tx.insert(attendance).values({ participantId: p.id, sessionId: session.id, status: 'present', arrivedAt: now - 70 * 60_000, idCard: true, participantCard: true, faceMatch: true, late: false, recordedAt: now - 70 * 60_000 }).run();
          }
          // a scheduled session's people are not yet at a PC: the desk seats them
        }
        out.push({ stationId: st.id, roomId: room.id, venueId: venue.id, code, token, participant });
      }
    }
  });
  return out;
}

/**
 * A running session got there the regular way (Pasal 12–14): a completed checklist that says
 * layak, and the steps prepare → open → start. Seeded so the record of a demo room is whole.
 */
function seedRunningHistory(db: Db, sessionId: number, now: number) {
  const items = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, { value: 'sesuai', keterangan: '' }]));
  db.insert(sessionChecklists).values({
    sessionId, itemsJson: JSON.stringify(items),
    countsJson: JSON.stringify({ ruangTes: 1, lcdProyektor: 1, pcTes: null, pcPetunjuk: 1, pcCadangan: null, pcKeseluruhan: null }),
    conclusion: 'layak', recommendation: '', signersJson: JSON.stringify({ bkn: { name: 'Pengawas (seed)', nip: '' }, instansi: { name: 'Panitia Instansi (seed)', nip: '' } }),
    version: 1, updatedAt: now - 120 * 60_000, completedAt: now - 120 * 60_000
  }).run();
  const steps: [string, string, string, number][] = [['prepare', 'scheduled', 'preparation', 150], ['open', 'preparation', 'open', 100], ['start', 'open', 'running', 0]];
  for (const [action, from, to, ago] of steps) {
    db.insert(sessionTransitions).values({ sessionId, at: now - ago * 60_000, action, fromState: from, toState: to, reason: 'seed' }).run();
  }
  // the PIN the participants logged in with (Pasal 14(1)i), valid for the longest lifetime allowed
  db.insert(sessionPins).values({ sessionId, pin: generatePin(), issuedAt: now - 5 * 60_000, expiresAt: now + 235 * 60_000, lifetimeMin: 240, generation: 1 }).run();
}

/** The import file of a seeded session's people (the demo writes it for a session seeded without roster). */
export function participantCsv(people: { nip: string; name: string }[], instansi: string): string {
  const rows = people.map((p, i) => [p.nip, p.name, 'Analis SDM Aparatur', 'Ahli Pertama', 'Badan Kepegawaian Daerah', instansi, `Q-${String(i + 1).padStart(4, '0')}`]);
  return ['NIP;Nama;Jabatan;Jenjang;Unit Kerja;Instansi;Nomor Peserta', ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n';
}

export const DEMO_REGION = 'Kanreg I Yogyakarta';
/** the agency of the demo's second venue (Makassar, WITA) */
export const DEMO_MAKASSAR_AGENCY = 'Pemerintah Kota Makassar';

/** two agencies share the demo rooms, so an agency operator visibly sees only its own people */
export const DEMO_AGENCIES = ['Pemerintah Kabupaten Sleman', 'Pemerintah Kota Yogyakarta'];

/** The demo: Kanreg I Yogyakarta, WIB (a room running, a room whose session is still to run) and a small venue in another region and zone (Makassar, WITA). */
export function seedDemo(db: Db, opts: { stations?: number; roomSize?: number } = {}): SeededStation[] {
  const n = opts.stations ?? 40;
  if (n === 40 && !opts.roomSize) {
    // A second venue in another region shows venue scope: its proctors and the first region's
    // coordinator do not see it; the national admin does.
    return [
      ...seedVenue(db, {
        code: 'KANREG1-YK', name: 'Kantor Regional I BKN Yogyakarta', kind: 'kanreg', address: 'Jl. Magelang Km 7,5, Sleman',
        region: DEMO_REGION, instansi: DEMO_AGENCIES,
        rooms: [
          { code: 'R1', name: 'Ruang CAT 1', rows: 4, cols: 6, spares: 2, session: 'running' },
          // the next session, to walk through session control: checklist, import, desk, PIN, start
          { code: 'R2', name: 'Ruang CAT 2', rows: 4, cols: 4, spares: 1, session: 'scheduled', startsInMin: 90, roster: false }
        ]
      }),
      // in WITA: a coordinator in Jakarta reads this room's times on Makassar's clock
      ...seedVenue(db, {
        code: 'KANREG4-MKS', name: 'Kantor Regional IV BKN Makassar', kind: 'kanreg', address: 'Jl. Prof. Dr. Ir. Sutami No. 28, Makassar',
        region: 'Kanreg IV Makassar', timeZone: 'Asia/Makassar', instansi: [DEMO_MAKASSAR_AGENCY],
        rooms: [{ code: 'M1', name: 'Ruang CAT Makassar', rows: 2, cols: 4, session: 'running' }]
      })
    ];
  }
  const size = opts.roomSize ?? 50;
  const roomList: SeedRoom[] = [];
  for (let left = n, i = 1; left > 0; i++) {
    const count = Math.min(size, left);
    // Test rooms are laid out in rows of at most 20 PCs; the last row may be partly empty.
    const cols = Math.min(20, count);
    roomList.push({ code: `R${i}`, name: `Ruang CAT ${i}`, rows: Math.ceil(count / cols), cols, seats: count, session: 'running' });
    left -= count;
  }
  return seedVenue(db, { code: 'DEMO', name: 'Kantor Regional I BKN Yogyakarta', kind: 'kanreg', region: DEMO_REGION, instansi: DEMO_AGENCIES, rooms: roomList });
}

/** Kantor Regional BKN and the zone of the city it sits in (WIB, WITA, WIT), for the many-venue demo. */
const DEMO_REGIONS: { region: string; city: string; timeZone: VenueTimeZone }[] = [
  { region: DEMO_REGION, city: 'Yogyakarta', timeZone: 'Asia/Jakarta' },
  { region: 'Kanreg II Surabaya', city: 'Surabaya', timeZone: 'Asia/Jakarta' },
  { region: 'Kanreg III Bandung', city: 'Bandung', timeZone: 'Asia/Jakarta' },
  { region: 'Kanreg IV Makassar', city: 'Makassar', timeZone: 'Asia/Makassar' },
  { region: 'Kanreg V Jakarta', city: 'Jakarta', timeZone: 'Asia/Jakarta' },
  { region: 'Kanreg VI Medan', city: 'Medan', timeZone: 'Asia/Jakarta' },
  { region: 'Kanreg VIII Banjarmasin', city: 'Banjarmasin', timeZone: 'Asia/Makassar' },
  { region: 'Kanreg IX Jayapura', city: 'Jayapura', timeZone: 'Asia/Jayapura' },
  { region: 'Kanreg X Denpasar', city: 'Denpasar', timeZone: 'Asia/Makassar' },
  { region: 'Kanreg XI Manado', city: 'Manado', timeZone: 'Asia/Makassar' },
  { region: 'Kanreg XII Pekanbaru', city: 'Pekanbaru', timeZone: 'Asia/Jakarta' },
  { region: 'Kanreg XIV Manokwari', city: 'Manokwari', timeZone: 'Asia/Jayapura' }
];

/** The stations the two fixed venues of seedDemoVenues take (as in the default demo). */
export const DEMO_FIXED_STATIONS = 48;

/**
 * The many-venue demo (`npm run demo -- --venues 200 --stations 10000`) and the coordinator
 * benchmark: the default demo's two venues first (Kanreg I Yogyakarta with its running and
 * still-to-run rooms, Kanreg IV Makassar; the demo accounts, activities and documents rely on
 * them), then `venues - 2` more spread over twelve regional offices in the three zones, of every
 * kind, sharing the other `stations - 48` PCs in one to three rooms each. Their sessions of today
 * are in varied states so the board has something to rank: mostly running, some in preparation
 * (checklist pending, Lampiran I.B), open, still to run, finished hours ago (its finalisation
 * late once past end + an hour, Pasal 14(1)l–m) and postponed (Pasal 12(2)e–f).
 */
export function seedDemoVenues(db: Db, opts: { venues: number; stations: number; roomSize?: number; now?: number }): SeededStation[] {
  const now = opts.now ?? Date.now();
  const extraVenues = opts.venues - 2;
  const left = opts.stations - DEMO_FIXED_STATIONS;
  if (extraVenues < 0 || left < extraVenues) {
    throw new Error(`--venues ${opts.venues} --stations ${opts.stations}: need at least 2 venues and ${DEMO_FIXED_STATIONS} + 1 station per further venue`);
  }
  const out = seedDemo(db);
  const size = opts.roomSize ?? 50;
  const perKind = new Map<string, number>();
  for (let i = 0; i < extraVenues; i++) {
    const r = DEMO_REGIONS[(i + 1) % DEMO_REGIONS.length];
    // the regional office itself once per region (Yogyakarta's and Makassar's are the fixed ones),
    // the head office once, then technical units, agencies' own CAT rooms, mandiri and others
    const kind = i === 0 ? 'kantor_pusat' : i <= DEMO_REGIONS.length && ![0, 3].includes((i + 1) % DEMO_REGIONS.length) ? 'kanreg'
      : (['upt', 'instansi', 'instansi', 'mandiri', 'lainnya'] as const)[i % 5];
    const k = (perKind.get(kind + r.city) ?? 0) + 1;
    perKind.set(kind + r.city, k);
    const name = kind === 'kantor_pusat' ? 'Kantor Pusat BKN Jakarta'
      : kind === 'kanreg' ? `Kantor ${r.region.replace('Kanreg', 'Regional')} BKN`
      : kind === 'upt' ? `UPT BKN ${r.city}${k > 1 ? ` ${k}` : ''}`
      : kind === 'instansi' ? `CAT Pemerintah Kabupaten ${r.city} ${k}`
      : kind === 'mandiri' ? `Lokasi CAT Mandiri ${r.city} ${k}`
      : `Gedung Serbaguna ${r.city} ${k}`;
    const timeZone = kind === 'kantor_pusat' ? 'Asia/Jakarta' : r.timeZone;
    const region = kind === 'kantor_pusat' ? 'Kanreg V Jakarta' : r.region;
    // this venue's PCs, and one to three rooms for them (none over `size`)
    const pcs = Math.floor(left / extraVenues) + (i < left % extraVenues ? 1 : 0);
    const roomCount = Math.min(pcs, Math.max(1 + (i % 3), Math.ceil(pcs / size)));
    const [dayStart] = venueDay(now, timeZone);
    const rooms: SeedRoom[] = [];
    for (let k = 0; k < roomCount; k++) {
      const seats = Math.floor(pcs / roomCount) + (k < pcs % roomCount ? 1 : 0);
      const cols = Math.min(20, seats);
      const room: SeedRoom = { code: `R${k + 1}`, name: `Ruang CAT ${k + 1}`, rows: Math.ceil(seats / cols), cols, seats };
      // the first room mostly runs a session; the others are spread over the day's other states
      const pick = k === 0 ? FIRST_ROOM_STATES[i % FIRST_ROOM_STATES.length] : OTHER_ROOM_STATES[(i + k) % OTHER_ROOM_STATES.length];
      if (pick === 'none') {
        // a room with no session today: its PCs are there, idle
      } else if (pick === 'running' || pick === 'preparation' || pick === 'scheduled') {
        room.session = pick;
        room.startsInMin = pick === 'preparation' ? 30 : 60 + 30 * (i % 8);
      } else {
        room.state = pick;
        // finished: it started in the morning of the venue's today (at least an hour into it)
        room.scheduledAt = pick === 'finished' ? Math.max(dayStart + 60_000, now - (200 + 30 * (i % 6)) * 60_000)
          : pick === 'open' ? now + 15 * 60_000 : now + 120 * 60_000;
      }
      rooms.push(room);
    }
    out.push(...seedVenue(db, {
      code: `V${String(i + 3).padStart(3, '0')}`, name, kind, region, timeZone, now, rooms,
      address: `Jl. Contoh No. ${i + 3}, ${r.city}`, instansi: [`Pemerintah Kabupaten ${r.city}`]
    }));
  }
  return out;
}

const FIRST_ROOM_STATES = ['running', 'running', 'running', 'preparation', 'running', 'open', 'running', 'finished', 'running', 'scheduled'] as const;
const OTHER_ROOM_STATES = ['scheduled', 'running', 'postponed', 'finished', 'preparation', 'none'] as const;
