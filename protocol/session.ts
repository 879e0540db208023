/**
 * Session control vocabulary, shared by server, web and agent. No zod here: the web app
 * imports these values at run time (the zod schemas are in schemas/session.ts).
 *
 * Sources: Perban BKN 4/2024 Pasal 11–14 (stages and duties), Lampiran I.A (tata tertib),
 * Lampiran I.B (daftar periksa), SE BKN 6/2026 §5.i.3 (session PIN).
 */


// ---------------------------------------------------------------- lifecycle

/**
 * cancelled: called off before it began (with a reason, by whoever plans the activity's schedule;
 * server/activity/activity.service.ts). Not a lifecycle action: nothing follows it.
 */
export const SESSION_STATES = ['scheduled', 'preparation', 'open', 'running', 'finished', 'finalised', 'postponed', 'cancelled'] as const;
export type SessionStateName = (typeof SESSION_STATES)[number];

/**
 * Every state but finalised: the room still shows the session (someone may be at work there) and
 * its records (incidents, visitors) are still open. Finalised, the berita acara is signed
 * (Pasal 14(1)l–m) and nothing changes.
 */
export const OPEN_STATES = ['scheduled', 'preparation', 'open', 'running', 'finished', 'postponed'] as const satisfies readonly SessionStateName[];

/**
 * What a proctor can do to a session, and from which states. The rules behind each guard are in
 * server/domain/session-lifecycle.ts; this table is what the UI uses to offer buttons.
 *   prepare   scheduled → preparation       Pasal 12(2): prapelaksanaan, the facilities are checked
 *   open      preparation → open            Pasal 14(1)d: registration opens (needs a checklist that says layak)
 *   start     open → running                Pasal 14(1)i–j: the PIN is given and participants log in
 *   finish    running → finished            everyone is done, or the proctor closes the test
 *   finalise  finished → finalised          Pasal 14(1)l–m: lists printed, berita acara signed
 *   postpone  scheduled|preparation|open|running → postponed   Pasal 12(2)e–f: the Berita Acara Penundaan is
 *             issued first (server/session/postponement.service.ts); whoever is still working is paused
 *   resume    postponed → preparation       Pasal 12(3): once the follow-ups are done and a new daftar periksa
 *             says layak, on a new date (postponement.service.ts)
 */
export const SESSION_ACTIONS = ['prepare', 'open', 'start', 'finish', 'finalise', 'postpone', 'resume'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

export const SESSION_TRANSITIONS: Record<SessionAction, { from: readonly SessionStateName[]; to: SessionStateName }> = {
  prepare: { from: ['scheduled'], to: 'preparation' },
  open: { from: ['preparation'], to: 'open' },
  start: { from: ['open'], to: 'running' },
  finish: { from: ['running'], to: 'finished' },
  finalise: { from: ['finished'], to: 'finalised' },
  // finished: only when nobody logged in at all — the test did not take place, and is held again
  // (server/domain/session-lifecycle.ts); a session people sat is finalised
  postpone: { from: ['scheduled', 'preparation', 'open', 'running', 'finished'], to: 'postponed' },
  resume: { from: ['postponed'], to: 'preparation' }
};

/** The usual next step from each state, shown in the room header. */
export const NEXT_ACTION: Record<SessionStateName, SessionAction | null> = {
  scheduled: 'prepare',
  preparation: 'open',
  open: 'start',
  running: 'finish',
  finished: 'finalise',
  finalised: null,
  postponed: 'resume',
  cancelled: null
};

/** The actions whose `from` includes `state`, in table order. */
export function actionsFrom(state: SessionStateName): SessionAction[] {
  return SESSION_ACTIONS.filter((a) => SESSION_TRANSITIONS[a].from.includes(state));
}

/**
 * In which states each kind of work is possible: the server refuses outside them (INVALID_STATE)
 * and the web app offers the work only inside them.
 */
/** What a session's export holds: the attendance list, who completed the whole series, the incidents. */
export const SESSION_EXPORT_KINDS = ['attendance', 'completion', 'incidents'] as const;
export type SessionExportKind = (typeof SESSION_EXPORT_KINDS)[number];

export const WORK_STATES = {
  /** the daftar periksa is filled in before registration opens (Pasal 12(2)c); after a postponement again */
  checklist: ['scheduled', 'preparation', 'postponed'],
  /** the roster arrives before the test (Pasal 11: persiapan) */
  import: ['scheduled', 'preparation', 'open'],
  /** arrivals once registration opens (Pasal 14(1)d), late ones while the test runs */
  desk: ['open', 'running'],
  /** seats can be given and changed until the test ends */
  seat: ['scheduled', 'preparation', 'open', 'running'],
  /** the PIN follows registration (Pasal 14(1)i: after d–h) */
  pin: ['open', 'running'],
  /**
   * proctor actions on participants: while the test runs; before the start and after the close
   * only for someone who is working (logged in, neither finished nor ended) — whoever is working
   * can be paused or ended (server/domain/test-window.ts)
   */
  actions: OPEN_STATES
} as const satisfies Record<string, readonly SessionStateName[]>;

// ---------------------------------------------------------------- daftar periksa (Lampiran I.B)

/** The rows of the Lampiran I.B form with the regulation's own wording. */
export const CHECKLIST_ITEMS = [
  { key: 'A', group: 'A', text: 'Melakukan koordinasi dan penyamaan persepsi dengan Tim Penyelenggara Instansi terkait kegiatan Penyelenggaraan Penilaian Kompetensi dan Penilaian Potensi.' },
  { key: 'B.1', group: 'B', text: 'Memastikan PC/Laptop sesuai dengan spesifikasi minimal.' },
  { key: 'B.2', group: 'B', text: 'Memastikan tersedianya PC/Laptop telah terkoneksi internet.' },
  { key: 'B.3', group: 'B', text: 'Memastikan sedianya PC/Laptop telah ter-install browser yang telah ditentukan (Google Chrome, Mozilla Firefox, Microsoft Edge, atau browser khusus).' },
  { key: 'B.4', group: 'B', text: 'Memastikan koneksi internet pada setiap PC/Laptop client dengan bandwidth minimal 500 Kbps per PC client.' },
  { key: 'B.5', group: 'B', text: 'Memastikan aplikasi ter-install di Laptop/PC Client tidak ada yang mengarah kepada kecurangan.' },
  { key: 'C.1', group: 'C', text: 'Memastikan ketersediaan LCD Projektor yang memadai di ruang tes.' },
  { key: 'C.2', group: 'C', text: 'Memastikan ketersediaan meja administrasi minimal 1 (satu) meja dan dilengkapi dengan Laptop/PC yang terkoneksi dengan internet dan printer.' },
  { key: 'C.3', group: 'C', text: 'Memastikan ketersediaan fasilitas untuk memaparkan petunjuk teknis/instruksi tes.' },
  { key: 'C.4', group: 'C', text: 'Memastikan ketersediaan ruangan/tempat tunggu/penyimpanan barang Asesi yang akan mengikuti tes.' },
  { key: 'C.5', group: 'C', text: 'Memastikan ketersediaan genset dan/atau UPS dalam keadaan baik dan layak pakai.' }
] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number]['key'];
export const CHECKLIST_KEYS = CHECKLIST_ITEMS.map((i) => i.key) as ChecklistItemKey[];
export const CHECKLIST_GROUPS = { A: 'Persiapan', B: 'Pengecekan PC/Laptop, Browser dan Koneksi Internet', C: 'Kelengkapan Lainnya' } as const;

/** The "Sarana / Jumlah" table of Lampiran I.B. */
/** The most the checklist takes in a row's keterangan and in the recommendation (refused beyond, never cut). */
export const CHECKLIST_TEXT_MAX = { keterangan: 500, recommendation: 2000 } as const;

export const CHECKLIST_COUNTS = [
  { key: 'ruangTes', text: 'Ruang Tes' },
  { key: 'lcdProyektor', text: 'LCD Proyektor' },
  { key: 'pcTes', text: 'Laptop/PC Tes' },
  { key: 'pcPetunjuk', text: 'Laptop/PC Petunjuk Pengerjaan' },
  { key: 'pcCadangan', text: 'Laptop/PC Cadangan' },
  { key: 'pcKeseluruhan', text: 'Laptop/PC Keseluruhan' }
] as const;
export type ChecklistCountKey = (typeof CHECKLIST_COUNTS)[number]['key'];

/** sesuai ✓ / tidak sesuai ✗ (Lampiran I.B footnote *) */
export type Kesesuaian = 'sesuai' | 'tidak_sesuai';
export type ChecklistConclusion = 'layak' | 'tidak_layak';

// ---------------------------------------------------------------- session PIN / OTP (Pasal 14(1)i)

/**
 * 6 characters from an alphabet without look-alikes: no 0/O/D/Q, 1/I/L/T, 2/Z, 5/S, 8/B, 6/G, U/V
 * — read off a projector from the back row and typed on an unfamiliar keyboard.
 */
export const PIN_ALPHABET = '3479ACEFHJKMNPRWXY';
export const PIN_LENGTH = 6;
export const PIN_RULES = {
  defaultLifetimeMin: 30,
  minLifetimeMin: 5,
  maxLifetimeMin: 240,
  minRotateMin: 2,
  maxRotateMin: 120,
  /** a PIN replaced by rotation is still accepted this long: a participant typing it is not refused */
  rotationGraceMs: 60_000,
  /** wrong attempts in a row at one station before it is locked */
  maxStationFailures: 3,
  /** a locked station unlocks by itself after this long, or earlier when a proctor unlocks it */
  stationLockMs: 5 * 60_000,
  /** wrong attempts across the whole session (all stations) before the PIN is revoked: someone is guessing */
  maxSessionFailures: 20
} as const;

/**
 * The server's verdict on one typed PIN. Besides the PIN itself (wrong, expired, revoked, no_pin,
 * locked), the session and the desk decide:
 *   not_started   the session exists but the proctor has not started the test (Pasal 14(1)i–j:
 *                 the PIN opens the test once it starts); the PIN is not even compared
 *   unregistered  the PIN is right but the participant (by NIP) is not registered present at the
 *                 desk for this session (Pasal 14(1)e, 14(2)a–b: identity is checked before entry);
 *                 only where the venue refuses such logins — flag-only venues answer ok and flag it
 *   not_running   the room has no session, or it is over (finished, finalised, postponed)
 */
export type PinVerifyOutcome = 'ok' | 'wrong' | 'expired' | 'revoked' | 'no_pin' | 'locked' | 'not_running' | 'not_started' | 'unregistered';


/**
 * What a venue does with a login by someone the desk has not registered present for the session
 * (Perban BKN 4/2024 Pasal 14(1)e, 14(2)a–b): refuse it at the PIN (the default), or let it in and
 * flag it on the tile until the desk registers them. Stored per venue (venues.unregistered_login).
 */
export const UNREGISTERED_LOGIN_POLICIES = ['refuse', 'flag'] as const;
export type UnregisteredLoginPolicy = (typeof UNREGISTERED_LOGIN_POLICIES)[number];
export const DEFAULT_UNREGISTERED_LOGIN: UnregisteredLoginPolicy = 'refuse';

// ---------------------------------------------------------------- registration (Pasal 14(2), Lampiran I.A)

/** Lampiran I.A 1.a: "Asesi hadir registrasi paling lambat 60 (enam puluh) menit sebelum waktu tes." */
export const LATE_ARRIVAL_MIN = 60;

/** Columns of a participant import file, in the order of the template. */
export const IMPORT_COLUMNS = ['nip', 'nama', 'jabatan', 'jenjang', 'unit_kerja', 'instansi', 'nomor_peserta'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** Required in every row; the others may be empty. */
export const IMPORT_REQUIRED: readonly ImportColumn[] = ['nip', 'nama', 'instansi', 'nomor_peserta'];
export const IMPORT_LIMITS = { maxRows: 2000, maxBytes: 2 * 1024 * 1024, maxCell: 120 } as const;
/** One checked row of an import file (`row` as the spreadsheet shows it), as it is stored. */
export type ImportRow = {
  row: number;
  nip: string;
  nama: string;
  jabatan: string | null;
  jenjang: string | null;
  unitKerja: string | null;
  instansi: string;
  nomorPeserta: string;
};

export type AttendanceStatus = 'expected' | 'present' | 'absent';

// ---------------------------------------------------------------- incidents (kejadian)

/**
 * Incident categories: the rules of Lampiran I.A (tata tertib asesi) and the technical problems a
 * room has. They feed "terjadi kejadian berupa: …" of the Berita Acara Penyelenggaraan (Lampiran I.C.1).
 */
export const INCIDENT_CATEGORIES = [
  // Lampiran I.A angka 1
  'late_arrival', //         1.a  registrasi kurang dari 60 menit sebelum tes
  'identity_mismatch', //    1.c, Pasal 14(2)b  kartu identitas / kartu asesi / wajah tidak cocok
  'disorder', //             1.d  ketertiban dan ketenangan
  'confidentiality', //      1.e  kerahasiaan materi tes
  'prohibited_item', //      1.j.1 buku, gawai, kamera, jam tangan, makanan …
  'computer_misuse', //      1.j.2 komputer dipakai selain untuk aplikasi tes
  'talking', //              1.j.3 bertanya/berbicara dengan sesama asesi
  'passing_items', //        1.j.4 menerima/memberikan sesuatu
  'recording', //            1.j.5 merekam / menyebarluaskan
  'leaving_room', //         1.j.6 keluar masuk tanpa izin
  // technical
  'station_offline',
  'latency_over_limit',
  'power_failure',
  'network_failure',
  'application_error',
  'station_swap',
  'other'
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const TECHNICAL_INCIDENTS: readonly IncidentCategory[] = [
  'station_offline', 'latency_over_limit', 'power_failure', 'network_failure', 'application_error', 'station_swap'
];

// ---------------------------------------------------------------- participant actions

export const PARTICIPANT_ACTIONS = ['pause', 'resume', 'add_time', 'end'] as const;
export type ParticipantActionKind = (typeof PARTICIPANT_ACTIONS)[number];
export const ADD_TIME_LIMITS = { minMinutes: 1, maxMinutes: 60 } as const;
/** an action not acknowledged by the station within this long is shown as late on the dashboard */
export const ACTION_ACK_WARN_MS = 5_000;

/** What changed in a session, so that pages showing that part fetch it again. */
export const SESSION_TOPICS = ['state', 'checklist', 'pin', 'participants', 'attendance', 'visitors', 'incidents', 'actions'] as const;
export type SessionTopic = (typeof SESSION_TOPICS)[number];

/** What names a session and where it stands: the head of the live summary and of a history entry. */
export type SessionHead = {
  id: number;
  code: string;
  name: string;
  state: SessionStateName;
  scheduledAt: number;
  startedAt: number | null;
  durationMin: number;
  stateChangedAt: number | null;
  checklist: { status: 'none' | 'draft' | 'complete'; conclusion: ChecklistConclusion | null };
};

/** What a login contradicts in the desk's record (the flags are described in events.ts IntegrityFlag). */
export type IntegrityKind = 'unregistered' | 'wrong_pc' | 'seated_here';
