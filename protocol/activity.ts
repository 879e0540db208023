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
