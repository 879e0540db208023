/**
 * Activities (kegiatan penilaian kompetensi, Perban BKN 4/2024 Pasal 8) and their vocabulary: what
 * an activity is for, who is on its team, the kinds of venue and the venues' time zones. No zod
 * here: the web app imports these lists at run time (the schemas are in schemas/activity.ts).
 */

/** Pasal 8(2): filling a position, mapping employees in their positions; ProASN profiling (SE BKN 6/2026). */
export const ACTIVITY_PURPOSES = ['pengisian_jabatan', 'pemetaan', 'proasn'] as const;
export type ActivityPurpose = (typeof ACTIVITY_PURPOSES)[number];

/** Pasal 6: the Tim Penyelenggara CACT BKN, and the user agency's own team. */
export const TEAM_ROLES = ['koordinator', 'instruktur', 'pengawas', 'petugas_ti', 'instansi'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** SE BKN 6/2026 §5.b: Kantor Pusat, Kantor Regional, UPT, the agency's CAT station, an independent station, another place. */
export const VENUE_KINDS = ['kantor_pusat', 'kanreg', 'upt', 'instansi', 'mandiri', 'lainnya'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

/** WIB, WITA, WIT: Indonesia keeps no daylight saving time, so each is a fixed offset from UTC. */
export const VENUE_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type VenueTimeZone = (typeof VENUE_TIME_ZONES)[number];
export const TIME_ZONE_INFO: Record<VenueTimeZone, { abbr: 'WIB' | 'WITA' | 'WIT'; offsetMin: number }> = {
  'Asia/Jakarta': { abbr: 'WIB', offsetMin: 7 * 60 },
  'Asia/Makassar': { abbr: 'WITA', offsetMin: 8 * 60 },
  'Asia/Jayapura': { abbr: 'WIT', offsetMin: 9 * 60 }
};

/** The only method these activities use: computer assisted competency test. */
export const ACTIVITY_METHOD = 'CACT';

/** SE BKN 6/2026 §5.f.4: a ProASN session lasts 180 minutes. */
export const PROASN_SESSION_MIN = 180;

// ---------------------------------------------------------------- what the HTTP routes carry

/** An activity as the routes answer it; its dates are YYYY-MM-DD in the venue's zone. */
export type ActivityRow = {
  id: number;
  purpose: ActivityPurpose;
  agency: string;
  venueId: number;
  venueName: string;
  timeZone: VenueTimeZone;
  dateFrom: string;
  dateTo: string;
  method: string;
  plannedParticipants: number;
  jobLevels: string[];
  units: string | null;
  facilities: string | null;
  createdAt: number;
  updatedAt: number;
};

export type ActivityInput = {
  purpose: ActivityPurpose;
  agency: string;
  venueId: number;
  dateFrom: string;
  dateTo: string;
  plannedParticipants?: number;
  jobLevels?: string[];
  units?: string | null;
  facilities?: string | null;
};
/** The venue does not change: the activity's sessions are in its rooms. */
export type ActivityUpdateInput = Partial<Omit<ActivityInput, 'venueId'>>;
export type ActivityQuery = { venueId?: number; purpose?: ActivityPurpose; from?: string; to?: string };

export type TeamMember = { userId: number; nip: string; name: string; teamRole: TeamRole; assignedAt: number };

/** A session of an activity: its start as stored (UTC) and as the venue's date and hour. */
export type ActivitySessionRow = {
  id: number;
  code: string;
  name: string;
  roomId: number;
  roomName: string;
  state: string;
  scheduledAt: number;
  date: string;
  time: string;
  timeZone: VenueTimeZone;
  durationMin: number;
  capacity: number | null;
  /** the koordinator's exception to the registration lead time (SE BKN 6/2026 §5.i.2.d), if made */
  lateRegistration: { reason: string; at: number } | null;
};

/** Planning a session under an activity: the date and hour in the venue's zone. overrideReason: the koordinator's override of the lead time. */
export type ActivitySessionInput = {
  roomId: number;
  date: string;
  time: string;
  durationMin?: number;
  capacity: number;
  name?: string;
  overrideReason?: string;
};
export type RescheduleInput = { date: string; time: string; reason: string; overrideReason?: string };

/** A day off an administrator keeps for the working-day calendar: cuti bersama, or a local day (of one venue, or everywhere). */
export type DayOffRow = { id: number; date: string; name: string; kind: 'cuti_bersama' | 'local'; venueId: number | null };
export type DayOffInput = { date: string; name: string; kind: 'cuti_bersama' | 'local'; venueId?: number | null };
