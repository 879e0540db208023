/**
 * The monitoring and evaluation report (Perban BKN 4/2024 Pasal 16(4)–(5)) from its facts: whether
 * the procedure was followed, the problems of each stage, the venues and agencies with the most,
 * and the trend over the period. Pure: the facts (db/queries/evaluation.ts) and the clock come in.
 *
 * Every session counts on its date in its venue's zone. A problem of a session (its incidents, PCs,
 * checklist, finalisation, corrections) is dated by the session's date, so it lands on the day the
 * session was held; a planning step and a postponement by the date it was recorded. Either way
 * every listed problem is on a date of the period, and the trend adds up to the counts.
 */
import {
  ALL_PROBLEM_KINDS, EVALUATION_ITEMS_LIMIT, EVALUATION_RANK_LIMIT, EVALUATION_STAGES, PROBLEM_KINDS, PROCEDURE_CHECKS, stageOf,
  type AgencyProblems, type EvaluationReport, type EvaluationScope, type ProblemItem, type ProblemKind,
  type ProblemTally, type ProcedureCheck, type ProcedureException, type ProcedureRow, type StageProblems, type TrendDay, type VenueProblems
} from '../../protocol/evaluation.ts';
import { LATE_FINALISATION_GRACE_MIN } from '../../protocol/board.ts';
import { TIME_ZONE_INFO, type VenueTimeZone } from '../../protocol/activity.ts';
import { CHECKLIST_ITEMS } from '../../protocol/session.ts';
import { dayNumber, plusDays } from '../../protocol/schedule.ts';
import type {
  EvaluationAuditRecord, EvaluationCorrectionRecord, EvaluationIncidentRecord, EvaluationPostponementRecord, EvaluationSessionRecord,
  EvaluationStationFaultCount, EvaluationStationFaultRecord, EvaluationVenueRecord
} from '../../db/queries/evaluation.ts';
import { zonedDate, zonedTime } from './activity-rules.ts';

/** What the report is computed from: the venues of the scope and what the store holds around the period. */
export type EvaluationFacts = {
  period: { from: string; to: string };
  scope: EvaluationScope;
  /** the venues of scope.venueIds */
  venues: EvaluationVenueRecord[];
  /** sessions scheduled around the period (a day wider each side): those on a date of it in their zone are kept */
  sessions: EvaluationSessionRecord[];
  incidents: EvaluationIncidentRecord[];
  postponements: EvaluationPostponementRecord[];
  /** the PCs' faults during the sessions: how many per session and reason, and the newest of each reason (at most EVALUATION_ITEMS_LIMIT) */
  stationFaultCounts: EvaluationStationFaultCount[];
  stationFaults: EvaluationStationFaultRecord[];
  corrections: EvaluationCorrectionRecord[];
  /**
   * planning audit rows from before the period (an override is made within the lead time before
   * its session) to its end: those on a date of the period are problems; the overrides of the
   * period's sessions, whenever made, are the schedule check's exceptions
   */
  audit: EvaluationAuditRecord[];
};

const MIN = 60_000;

/** When finalising a session becomes late: its scheduled end plus the grace (protocol/board.ts). */
export const finalisationDue = (s: { scheduledAt: number; durationMin: number }) => s.scheduledAt + (s.durationMin + LATE_FINALISATION_GRACE_MIN) * MIN;

/** "12:30 WITA, 2026-03-02" in the venue's zone. */
const when = (ms: number, zone: VenueTimeZone) => `${zonedDate(ms, zone)} ${zonedTime(ms, zone)} ${TIME_ZONE_INFO[zone].abbr}`;
const quote = (s: string | null | undefined) => `“${(s ?? '').trim()}”`;

const CHECKLIST_TEXT = new Map<string, string>(CHECKLIST_ITEMS.map((i) => [i.key, i.text]));

const parse = (json: string | null): Record<string, unknown> => {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

type Held = EvaluationSessionRecord & { date: string; venue: EvaluationVenueRecord };

/** The procedure checks over the period's sessions. */
function procedure(held: Held[], overrides: Map<number, EvaluationAuditRecord[]>, now: number): ProcedureRow[] {
  const rows = new Map<ProcedureCheck, ProcedureRow>(PROCEDURE_CHECKS.map((check) => [check, { check, applicable: 0, followed: 0, exceptions: [] }]));
  const tally = (check: ProcedureCheck, s: Held, outcome: true | { excepted: boolean; detail: string }) => {
    const row = rows.get(check)!;
    row.applicable++;
    if (outcome === true) {
      row.followed++;
      return;
    }
    if (outcome.excepted) row.followed++;
    const e: ProcedureException = {
      sessionId: s.id, sessionCode: s.code, venueName: s.venue.name, date: s.date, excepted: outcome.excepted, detail: outcome.detail
    };
    row.exceptions.push(e);
  };
  const todayIn = new Map<VenueTimeZone, string>();
  const todayOf = (zone: VenueTimeZone) => {
    let d = todayIn.get(zone);
    if (d === undefined) todayIn.set(zone, (d = zonedDate(now, zone)));
    return d;
  };
  for (const s of held) {
    const zone = s.venue.timeZone;
    // Pasal 14(1)a–c (the daftar periksa, Lampiran I.B) before 14(1)d–e (registration)
    if (s.openedAt !== null) {
      if (s.checklistCompletedAt !== null && s.checklistCompletedAt <= s.openedAt) tally('checklist_before_registration', s, true);
      else {
        tally('checklist_before_registration', s, {
          excepted: false,
          detail: s.checklistCompletedAt === null
            ? `Pendaftaran dibuka ${when(s.openedAt, zone)} tanpa daftar periksa yang diselesaikan (Pasal 14 ayat (1) huruf a–c; Lampiran I.B).`
            : `Daftar periksa diselesaikan ${when(s.checklistCompletedAt, zone)}, setelah pendaftaran dibuka ${when(s.openedAt, zone)} (Pasal 14 ayat (1)).`
        });
      }
    }
    // Pasal 14(1)m: the berita acara penyelenggaraan; Pasal 12(2)f: the berita acara penundaan
    const postponed = s.state === 'postponed' || s.postponements > 0;
    const finalised = s.state === 'finalised';
    if (postponed || finalised) {
      const missing: string[] = [];
      if (finalised && s.baPenyelenggaraan === 0) missing.push('Berita Acara Penyelenggaraan (Pasal 14 ayat (1) huruf m)');
      if (postponed && s.baPenundaan === 0 && s.postponements === 0) missing.push('Berita Acara Penundaan (Pasal 12 ayat (2) huruf f)');
      tally('berita_acara', s, missing.length ? { excepted: false, detail: `Belum diterbitkan: ${missing.join('; ')}.` } : true);
    }
    // Pasal 14(1)l–m: finalised on its day; a day not over yet is not judged
    const finished = s.finishedAt !== null || s.state === 'finished' || finalised;
    if (finished && (s.finalisedAt !== null || todayOf(zone) > s.date)) {
      if (s.finalisedAt !== null && zonedDate(s.finalisedAt, zone) === s.date) tally('finalised_on_day', s, true);
      else {
        tally('finalised_on_day', s, {
          excepted: false,
          detail: s.finalisedAt === null
            ? `Sesi selesai tetapi belum difinalisasi (Pasal 14 ayat (1) huruf l–m).`
            : `Difinalisasi ${when(s.finalisedAt, zone)}, bukan pada hari pelaksanaan ${s.date} (Pasal 14 ayat (1) huruf l–m).`
        });
      }
    }
    // Pasal 9(5)b; SE BKN 6/2026 §5.i.2: planned and moved within the lead time, or by an override with a reason
    const over = overrides.get(s.id) ?? [];
    if (!over.length) tally('schedule_rules', s, true);
    else {
      const words = over.map((a) => {
        const after = parse(a.afterJson);
        const step = a.action === 'session.planned' ? 'Dijadwalkan' : a.action === 'session.rescheduled' ? 'Dipindahkan' : 'Dilanjutkan';
        const days = num(after.workingDays), min = num(after.minWorkingDays);
        const lead = days !== null && min !== null ? ` ${days} hari kerja sebelum pelaksanaan (paling sedikit ${min})` : ' di dalam batas waktu';
        return `${step}${lead} oleh koordinator dengan alasan ${quote(str(after.overrideReason))}`;
      });
      tally('schedule_rules', s, { excepted: true, detail: `${words.join('; ')} (Pasal 9 ayat (5) huruf b).` });
    }
    // SE BKN 6/2026 §5.i.2.d: ProASN registration lead time, or the koordinator's exception
    if (s.purpose === 'proasn' && s.roster > 0) {
      if (s.lateRegistrationReason === null) tally('registration_lead_time', s, true);
      else {
        tally('registration_lead_time', s, {
          excepted: true,
          detail: `Pendaftaran peserta setelah batas waktu dengan pengecualian koordinator, alasan ${quote(s.lateRegistrationReason)} (SE BKN 6/2026 angka 5 huruf i.2.d).`
        });
      }
    }
  }
  // the newest exceptions first, as many as the items of a kind (the counts stay whole)
  for (const row of rows.values()) {
    row.exceptions.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.sessionId - a.sessionId));
    row.exceptions.length = Math.min(row.exceptions.length, EVALUATION_ITEMS_LIMIT);
  }
  return [...rows.values()];
}

type Place = { venueId: number; venueName: string; agency: string | null; sessionId: number | null; sessionCode: string | null };
const placeOf = (s: Held): Place => ({ venueId: s.venueId, venueName: s.venue.name, agency: s.agency, sessionId: s.id, sessionCode: s.code });

/** Problems counted, by where and when: one per item, or many of a kind counted in the store (the PCs' faults). */
type Tally = { kind: ProblemKind; venueId: number; agency: string | null; date: string; category: string | null; n: number };

const FAULT_KINDS = { silent: 'station_fault', disconnected: 'station_fault', latency: 'latency_breach', bandwidth: 'bandwidth_breach' } as const satisfies Record<string, ProblemKind>;

/** Every problem of the period, each with its date: the items to list, and the tallies that count them. */
function problems(f: EvaluationFacts, held: Held[], now: number): { items: ProblemItem[]; tallies: Tally[] } {
  const { from, to } = f.period;
  const inPeriod = (date: string) => date >= from && date <= to;
  const venues = new Map(f.venues.map((v) => [v.id, v]));
  const byId = new Map(held.map((s) => [s.id, s]));
  const items: ProblemItem[] = [];
  const tallies: Tally[] = [];
  /** `counted`: false for an item whose count comes from elsewhere (the PCs' faults, counted in the store) */
  const add = (kind: ProblemKind, at: number, date: string, place: Place, category: string | null, detail: string, counted = true) => {
    items.push({ kind, at, date, ...place, category, detail });
    if (counted) tallies.push({ kind, venueId: place.venueId, agency: place.agency, date, category, n: 1 });
  };
  const agencyKept = (agency: string | null) => f.scope.agency === null || agency === f.scope.agency;

  // planning: overrides, late registrations allowed, refused participant files (audit rows of the period)
  for (const a of f.audit) {
    const venue = venues.get(a.venueId);
    if (!venue || !agencyKept(a.agency)) continue;
    const date = zonedDate(a.at, venue.timeZone);
    if (!inPeriod(date)) continue;
    const after = parse(a.afterJson);
    const place: Place = { venueId: venue.id, venueName: venue.name, agency: a.agency, sessionId: a.sessionId, sessionCode: a.sessionCode };
    if (a.action === 'participant.import_refused') {
      const errors = num(after.errors) ?? 0;
      const sample = str(after.errorSample);
      add('import_refused', a.at, date, place, str(after.kind),
        `Berkas peserta ditolak, tidak ada yang disimpan${errors ? ` (${errors} kesalahan)` : ''}${sample ? `: ${sample}` : '.'}`);
    } else if (a.action === 'session.late_registration_allowed') {
      add('late_registration', a.at, date, place, null,
        `Koordinator mengizinkan pendaftaran setelah batas waktu, alasan ${quote(str(after.overrideReason))} (SE BKN 6/2026 angka 5 huruf i.2.d).`);
    } else {
      const step = a.action === 'session.planned' ? 'dijadwalkan' : a.action === 'session.rescheduled' ? 'dipindahkan' : 'dilanjutkan';
      const days = num(after.workingDays), min = num(after.minWorkingDays);
      const lead = days !== null && min !== null ? ` ${days} hari kerja sebelum pelaksanaan (paling sedikit ${min})` : ' di dalam batas waktu';
      add('schedule_override', a.at, date, place, a.action.slice('session.'.length),
        `Sesi ${step}${lead} oleh koordinator, alasan ${quote(str(after.overrideReason))} (Pasal 9 ayat (5) huruf b).`);
    }
  }

  // execution
  for (const s of held) {
    if (!s.checklistItemsJson) continue;
    const at = s.checklistCompletedAt ?? s.checklistUpdatedAt ?? s.scheduledAt;
    for (const [key, v] of Object.entries(parse(s.checklistItemsJson))) {
      const item = v && typeof v === 'object' ? (v as { value?: unknown; keterangan?: unknown }) : {};
      if (item.value !== 'tidak_sesuai') continue;
      const note = str(item.keterangan)?.trim();
      add('checklist_failure', at, s.date, placeOf(s), key,
        `Butir ${key} tidak sesuai: ${CHECKLIST_TEXT.get(key) ?? key}${note ? ` Keterangan: ${note}` : ''} (Lampiran I.B).`);
    }
  }
  for (const p of f.postponements) {
    const venue = venues.get(p.venueId);
    if (!venue || !agencyKept(p.agency)) continue;
    const date = zonedDate(p.createdAt, venue.timeZone);
    if (!inPeriod(date)) continue;
    add('postponement', p.createdAt, date, { venueId: venue.id, venueName: venue.name, agency: p.agency, sessionId: p.sessionId, sessionCode: p.sessionCode },
      p.category, `${p.reason.trim()}${p.sessions > 1 ? ` (${p.sessions} sesi ditunda)` : ''} (Pasal 12 ayat (2) huruf e–f).`);
  }
  for (const c of f.stationFaultCounts) {
    const s = byId.get(c.sessionId);
    if (s) tallies.push({ kind: FAULT_KINDS[c.reason], venueId: s.venueId, agency: s.agency, date: s.date, category: null, n: c.count });
  }
  for (const t of f.stationFaults) {
    const s = byId.get(t.sessionId);
    if (!s) continue;
    const zone = s.venue.timeZone;
    const clock = `pukul ${zonedTime(t.at, zone)} ${TIME_ZONE_INFO[zone].abbr}`;
    if (t.reason === 'silent') {
      add('station_fault', t.at, s.date, placeOf(s), null,
        `PC ${t.stationCode} tidak mengirim sinyal${t.value !== null ? ` selama ${Math.round(t.value)} detik` : ''} dan dinyatakan offline ${clock}.`, false);
    } else if (t.reason === 'disconnected') {
      add('station_fault', t.at, s.date, placeOf(s), null, `Koneksi agen PC ${t.stationCode} terputus dan PC dinyatakan offline ${clock}.`, false);
    } else if (t.reason === 'latency') {
      add('latency_breach', t.at, s.date, placeOf(s), null,
        `PC ${t.stationCode} melampaui waktu balas 300 ms${t.value !== null ? ` (${Math.round(t.value)} kali berturut-turut)` : ''} ${clock} (Lampiran II).`, false);
    } else {
      add('bandwidth_breach', t.at, s.date, placeOf(s), null,
        `PC ${t.stationCode} di bawah 500 Kbps${t.value !== null ? ` (${Math.round(t.value)} Kbps)` : ''} ${clock} (Lampiran II).`, false);
    }
  }
  for (const i of f.incidents) {
    const s = byId.get(i.sessionId);
    if (s) add('incident', i.occurredAt, s.date, placeOf(s), i.category, i.description.trim());
  }

  // reporting
  for (const s of held) {
    const due = finalisationDue(s);
    const zone = s.venue.timeZone;
    if (s.state === 'finalised' && s.finalisedAt !== null && s.finalisedAt > due) {
      add('late_finalisation', s.finalisedAt, s.date, placeOf(s), null,
        `Difinalisasi ${when(s.finalisedAt, zone)}, lewat batas ${when(due, zone)} (akhir jadwal + ${LATE_FINALISATION_GRACE_MIN} menit).`);
    } else if ((s.state === 'running' || s.state === 'finished') && now > due) {
      add('late_finalisation', due, s.date, placeOf(s), null,
        `Belum difinalisasi; batasnya ${when(due, zone)} (akhir jadwal + ${LATE_FINALISATION_GRACE_MIN} menit).`);
    }
  }
  for (const c of f.corrections) {
    const s = byId.get(c.sessionId);
    if (s) add('correction', c.issuedAt, s.date, placeOf(s), c.kind, `${c.number} versi ${c.version}: dikoreksi, alasan ${quote(c.correctionReason)}.`);
  }
  return { items, tallies };
}

const newestFirst = (a: ProblemItem, b: ProblemItem) => b.at - a.at || (b.sessionId ?? 0) - (a.sessionId ?? 0);

function stagesOf(items: ProblemItem[], tallies: Tally[]): StageProblems[] {
  const byKind = new Map<ProblemKind, ProblemItem[]>(ALL_PROBLEM_KINDS.map((k) => [k, []]));
  for (const i of items) byKind.get(i.kind)!.push(i);
  const counted = new Map<ProblemKind, { count: number; cats: Map<string, number> }>(ALL_PROBLEM_KINDS.map((k) => [k, { count: 0, cats: new Map() }]));
  for (const t of tallies) {
    const c = counted.get(t.kind)!;
    c.count += t.n;
    if (t.category !== null) c.cats.set(t.category, (c.cats.get(t.category) ?? 0) + t.n);
  }
  return EVALUATION_STAGES.map((stage) => {
    let truncated = false;
    const listed: ProblemItem[] = [];
    const counts = PROBLEM_KINDS[stage].map((kind) => {
      const shown = byKind.get(kind)!.sort(newestFirst).slice(0, EVALUATION_ITEMS_LIMIT);
      const { count, cats } = counted.get(kind)!;
      if (count > shown.length) truncated = true;
      listed.push(...shown);
      const byCategory = [...cats].map(([category, n]) => ({ category, count: n })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
      return { kind, count, byCategory };
    });
    return { stage, counts, items: listed.sort(newestFirst), truncated };
  });
}

const emptyTally = (): ProblemTally => ({ total: 0, byStage: { planning: 0, execution: 0, reporting: 0 }, sessions: 0 });

/** Most problems first; ties by the larger share per session (any problem without a session held counts as the largest), then by name. */
export function rankProblems<T extends ProblemTally>(rows: T[], name: (r: T) => string): T[] {
  const share = (r: T) => (r.sessions ? r.total / r.sessions : r.total ? Infinity : 0);
  return rows.sort((a, b) => b.total - a.total || share(b) - share(a) || name(a).localeCompare(name(b), 'id')).slice(0, EVALUATION_RANK_LIMIT);
}

/** The sessions counted as held: all but those called off. */
const isHeld = (s: { state: string }) => s.state !== 'cancelled';

export function evaluationReportOf(f: EvaluationFacts, now: number): Omit<EvaluationReport, 'ok'> {
  const { from, to } = f.period;
  const venues = new Map(f.venues.map((v) => [v.id, v]));
  const sessions: Held[] = [];
  for (const s of f.sessions) {
    const venue = venues.get(s.venueId);
    if (!venue) continue;
    const date = zonedDate(s.scheduledAt, venue.timeZone);
    if (date >= from && date <= to) sessions.push({ ...s, date, venue });
  }
  const overrides = new Map<number, EvaluationAuditRecord[]>();
  for (const a of f.audit) {
    if (a.sessionId === null || a.action === 'participant.import_refused' || a.action === 'session.late_registration_allowed') continue;
    const l = overrides.get(a.sessionId);
    if (l) l.push(a);
    else overrides.set(a.sessionId, [a]);
  }
  for (const l of overrides.values()) l.sort((a, b) => a.at - b.at);

  const { items, tallies } = problems(f, sessions, now);
  const held = sessions.filter(isHeld);

  // who had the most
  const perVenue = new Map<number, VenueProblems>();
  const perAgency = new Map<string, AgencyProblems>();
  const venueRow = (id: number) => {
    let r = perVenue.get(id);
    const v = venues.get(id)!;
    if (!r) perVenue.set(id, (r = { ...emptyTally(), venueId: v.id, venueName: v.name, venueKind: v.kind, region: v.region, timeZone: v.timeZone }));
    return r;
  };
  const agencyRow = (agency: string) => {
    let r = perAgency.get(agency);
    if (!r) perAgency.set(agency, (r = { ...emptyTally(), agency }));
    return r;
  };
  for (const s of held) {
    venueRow(s.venueId).sessions++;
    if (s.agency !== null) agencyRow(s.agency).sessions++;
  }
  for (const t of tallies) {
    const stage = stageOf(t.kind);
    for (const r of [venueRow(t.venueId), t.agency !== null ? agencyRow(t.agency) : null]) {
      if (!r) continue;
      r.total += t.n;
      r.byStage[stage] += t.n;
    }
  }

  // the trend: every date of the period, zeros included
  const days = dayNumber(to) - dayNumber(from) + 1;
  const trend: TrendDay[] = [];
  const trendAt = new Map<string, TrendDay>();
  for (let d = 0; d < days; d++) {
    const date = plusDays(from, d);
    const day: TrendDay = { date, sessions: 0, participants: 0, problems: Object.fromEntries(ALL_PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number> };
    trend.push(day);
    trendAt.set(date, day);
  }
  for (const s of held) {
    const day = trendAt.get(s.date)!;
    day.sessions++;
    day.participants += s.roster;
  }
  for (const t of tallies) {
    const day = trendAt.get(t.date);
    if (day) day.problems[t.kind] += t.n;
  }

  return {
    period: { from, to },
    scope: f.scope,
    generatedAt: now,
    totals: {
      venues: new Set(held.map((s) => s.venueId)).size,
      activities: new Set(sessions.flatMap((s) => (s.activityId !== null ? [s.activityId] : []))).size,
      sessions: sessions.length,
      finalised: sessions.filter((s) => s.state === 'finalised').length,
      postponed: sessions.filter((s) => s.state === 'postponed').length,
      cancelled: sessions.filter((s) => s.state === 'cancelled').length,
      participants: held.reduce((n, s) => n + s.roster, 0),
      present: held.reduce((n, s) => n + s.present, 0)
    },
    procedure: procedure(held, overrides, now),
    stages: stagesOf(items, tallies),
    venues: rankProblems([...perVenue.values()], (r) => r.venueName),
    agencies: rankProblems([...perAgency.values()], (r) => r.agency),
    trend
  };
}
