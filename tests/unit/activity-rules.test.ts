import { describe, expect, it } from 'vitest';
import {
  canMove, checkRegistrationLead, checkSessionLead, planSession, validateActivity, zonedDate, zonedInstant, zonedTime
} from '../../server/domain/activity-rules.ts';
import { makeCalendar, type DayOff } from '../../server/domain/working-days.ts';
import { message, say } from '../../protocol/messages/index.ts';

const FIXED: Record<number, DayOff[]> = { 2026: [{ date: '2026-12-25', name: 'Hari Raya Natal', kind: 'national' }] };
const cal = makeCalendar((y) => FIXED[y] ?? []);
const proasn = { purpose: 'proasn', dateFrom: '2026-12-14', dateTo: '2026-12-18' };
const jabatan = { purpose: 'pengisian_jabatan', dateFrom: '2027-01-11', dateTo: '2027-01-12' };

describe('an activity (Perban BKN 4/2024 Pasal 8; SE BKN 6/2026 §5.e.1)', () => {
  it('takes the three purposes, known venue kinds and zones, dates in order', () => {
    expect(validateActivity(proasn)).toEqual({ ok: true });
    expect(validateActivity({ ...jabatan, venueKind: 'kanreg', timeZone: 'Asia/Makassar' })).toEqual({ ok: true });
    expect(validateActivity({ ...jabatan, purpose: 'ujian' })).toMatchObject({ ok: false, error: 'INVALID_PAYLOAD', msg: { code: 'activity.purposeUnknown' } });
    expect(validateActivity({ ...jabatan, venueKind: 'kafe' })).toMatchObject({ ok: false, msg: { code: 'activity.venueKindUnknown' } });
    expect(validateActivity({ ...jabatan, timeZone: 'Asia/Tokyo' })).toMatchObject({ ok: false, msg: { code: 'activity.timeZoneUnknown' } });
    expect(validateActivity({ ...jabatan, dateTo: '2027-02-30' })).toMatchObject({ ok: false, msg: { code: 'activity.dateInvalid' } });
    expect(validateActivity({ ...jabatan, dateFrom: '2027-01-13' })).toMatchObject({
      ok: false, msg: { code: 'activity.datesOrder', params: { from: '2027-01-13', to: '2027-01-12' } }
    });
  });

  it('keeps ProASN between 8 July and 31 December 2026', () => {
    expect(validateActivity({ ...proasn, dateFrom: '2026-07-08' })).toEqual({ ok: true });
    expect(validateActivity({ ...proasn, dateFrom: '2026-07-07' })).toMatchObject({ ok: false, msg: { code: 'activity.proasnWindow' } });
    expect(validateActivity({ ...proasn, dateTo: '2027-01-04' })).toMatchObject({ ok: false, msg: { code: 'activity.proasnWindow' } });
    // other purposes have no window
    expect(validateActivity({ ...jabatan, dateFrom: '2027-01-04' })).toEqual({ ok: true });
  });
});

describe('a session planned under an activity', () => {
  const room = { pcs: 40, spares: 4 };

  it('lies on one of the activity days, at a real time', () => {
    expect(planSession(proasn, { date: '2026-12-15', time: '08:00', capacity: 40 }, room)).toEqual({ ok: true, durationMin: 180, warnings: [] });
    expect(planSession(proasn, { date: '2026-12-19', time: '08:00', capacity: 40 }, room)).toMatchObject({
      ok: false, msg: { code: 'activity.sessionOutsideDates', params: { date: '2026-12-19', from: '2026-12-14', to: '2026-12-18' } }
    });
    expect(planSession(proasn, { date: '2026-12-13', time: '08:00', capacity: 40 }, room)).toMatchObject({ ok: false, msg: { code: 'activity.sessionOutsideDates' } });
    expect(planSession(proasn, { date: '2026-12-15', time: '24:00', capacity: 40 }, room)).toMatchObject({ ok: false, msg: { code: 'activity.timeInvalid' } });
  });

  it('lasts 180 minutes for ProASN (SE BKN 6/2026 §5.f.4); other purposes choose', () => {
    expect(planSession(proasn, { date: '2026-12-15', time: '08:00', durationMin: 120, capacity: 10 }, room)).toMatchObject({
      ok: false, error: 'INVALID_PAYLOAD', msg: { code: 'activity.proasnDuration', params: { minutes: 120, required: 180 } }
    });
    expect(planSession(jabatan, { date: '2027-01-11', time: '13:00', durationMin: 120, capacity: 10 }, room)).toEqual({ ok: true, durationMin: 120, warnings: [] });
  });

  it('warns, not refuses, when the capacity exceeds the enrolled PCs', () => {
    const r = planSession(proasn, { date: '2026-12-15', time: '08:00', capacity: 42 }, room);
    expect(r).toEqual({ ok: true, durationMin: 180, warnings: [{ code: 'activity.capacityOver', params: { capacity: 42, pcs: 40, spares: 4 } }] });
  });
});

describe('the venue zone: planned in WIB, WITA or WIT, stored UTC', () => {
  it('turns a date and hour in the zone into the instant, and back', () => {
    const wib = zonedInstant('2026-12-15', '08:00', 'Asia/Jakarta');
    expect(new Date(wib).toISOString()).toBe('2026-12-15T01:00:00.000Z');
    expect(new Date(zonedInstant('2026-12-15', '08:00', 'Asia/Makassar')).toISOString()).toBe('2026-12-15T00:00:00.000Z');
    expect(new Date(zonedInstant('2026-12-15', '08:00', 'Asia/Jayapura')).toISOString()).toBe('2026-12-14T23:00:00.000Z');
    const wit = zonedInstant('2026-12-15', '07:30', 'Asia/Jayapura');
    expect(zonedDate(wit, 'Asia/Jayapura')).toBe('2026-12-15');
    expect(zonedDate(wit, 'Asia/Jakarta')).toBe('2026-12-15');
    expect(zonedTime(wit, 'Asia/Jakarta')).toBe('05:30');
    expect(zonedDate(zonedInstant('2026-12-15', '06:00', 'Asia/Jayapura'), 'Asia/Jakarta')).toBe('2026-12-15');
    expect(zonedDate(Date.parse('2026-12-14T20:00:00Z'), 'Asia/Jakarta')).toBe('2026-12-15');
  });
});

describe('the lead time before a session (Pasal 9(5)b; SE BKN 6/2026 §5.i.2.g) and its override', () => {
  it('accepts a date with 3 working days between, refuses one with fewer across a holiday, in words', () => {
    // Monday 21 Dec 2026: Tue 22, Wed 23, Thu 24 lie before Mon 28 (Fri 25 Christmas)
    expect(checkSessionLead(cal, 'pengisian_jabatan', '2026-12-21', '2026-12-28')).toEqual({ ok: true, rule: 'schedule_cact', workingDays: 3, overridden: false });
    const r = checkSessionLead(cal, 'pengisian_jabatan', '2026-12-22', '2026-12-28');
    expect(r).toMatchObject({
      ok: false, error: 'CONFLICT',
      msg: { code: 'activity.leadTimeShort', params: { date: '2026-12-28', today: '2026-12-22', workingDays: 2, min: 3, earliest: '2026-12-29' } }
    });
    if (r.ok) throw new Error('refused above');
    expect(say(r.msg, 'id')).toBe(
      'Senin 28 Desember 2026 hanya 2 hari kerja setelah hari ini (Selasa 22 Desember 2026); minimal 3 hari kerja (Perban BKN 4/2024 Pasal 9 ayat (5) huruf b). Paling cepat Selasa 29 Desember 2026.'
    );
    expect(say(r.msg, 'en')).toContain('Monday 28 December 2026 is only 2 working days after today (Tuesday 22 December 2026); at least 3 working days');
  });

  it('words the example of the issue', () => {
    expect(message('activity.leadTimeShort', {
      date: '2026-12-24', today: '2026-12-22', workingDays: 1, min: 3, earliest: '2026-12-30', article: 'Pasal 9 ayat (5) huruf b'
    }, 'id')).toBe('Kamis 24 Desember 2026 hanya 1 hari kerja setelah hari ini (Selasa 22 Desember 2026); minimal 3 hari kerja (Pasal 9 ayat (5) huruf b). Paling cepat Rabu 30 Desember 2026.');
  });

  it("schedules a ProASN session under the scheduling dashboard's 5 working days, which keeps the application's 3", () => {
    // Mon 14 Dec → Fri 18 Dec: 3 working days between (15, 16, 17) — enough for §5.i.2.g, not for §5.i.2.e
    const r = checkSessionLead(cal, 'proasn', '2026-12-14', '2026-12-18');
    expect(r).toMatchObject({ ok: false, msg: { params: { workingDays: 3, min: 5, article: 'SE BKN 6/2026 angka 5 huruf i.2.e' } } });
    expect(checkSessionLead(cal, 'proasn', '2026-12-07', '2026-12-15')).toMatchObject({ ok: true, rule: 'dashboard_proasn', workingDays: 5 });
  });

  it('holds ProASN registration to 5 working days (SE §5.i.2.d) and leaves other rosters free', () => {
    expect(checkRegistrationLead(cal, 'proasn', '2026-12-10', '2026-12-15')).toMatchObject({
      ok: false, error: 'CONFLICT', msg: { code: 'activity.leadTimeShort', params: { min: 5, article: 'SE BKN 6/2026 angka 5 huruf i.2.d' } }
    });
    expect(checkRegistrationLead(cal, 'proasn', '2026-12-10', '2026-12-15', { roles: ['koordinator'], reason: 'Susulan peserta dari instansi' })).toMatchObject({ ok: true, overridden: true });
    expect(checkRegistrationLead(cal, 'pemetaan', '2026-12-15', '2026-12-15')).toBeNull();
  });

  it('lets a koordinator with a reason schedule anyway; anyone else, or no reason, is refused', () => {
    const reason = 'Permintaan instansi, peserta sudah siap';
    const ok = checkSessionLead(cal, 'pengisian_jabatan', '2026-12-22', '2026-12-28', { roles: ['koordinator'], reason });
    expect(ok).toMatchObject({ ok: true, overridden: true, workingDays: 2, reason, refused: { code: 'activity.leadTimeShort' } });
    expect(checkSessionLead(cal, 'pengisian_jabatan', '2026-12-22', '2026-12-28', { roles: ['pengawas'], reason })).toMatchObject({
      ok: false, error: 'FORBIDDEN', msg: { code: 'activity.overrideRole' }
    });
    expect(checkSessionLead(cal, 'pengisian_jabatan', '2026-12-22', '2026-12-28', { roles: ['koordinator'], reason: 'cepat' })).toMatchObject({
      ok: false, error: 'INVALID_PAYLOAD', msg: { code: 'activity.overrideReason', params: { min: 10 } }
    });
    // a date that needs no override is not marked as overridden
    expect(checkSessionLead(cal, 'pengisian_jabatan', '2026-12-21', '2026-12-28', { roles: ['koordinator'], reason })).toMatchObject({ ok: true, overridden: false });
  });
});

describe('a started session is never moved', () => {
  it('moves a scheduled or postponed-before-start session only', () => {
    expect(canMove({ state: 'scheduled', startedAt: null })).toEqual({ ok: true });
    expect(canMove({ state: 'postponed', startedAt: null })).toEqual({ ok: true });
    for (const state of ['preparation', 'open', 'running', 'finished', 'finalised']) {
      expect(canMove({ state, startedAt: null })).toMatchObject({ ok: false, error: 'INVALID_STATE', msg: { code: 'activity.sessionStarted', params: { state } } });
    }
    expect(canMove({ state: 'postponed', startedAt: 1 })).toMatchObject({ ok: false, msg: { code: 'activity.sessionStarted' } });
  });
});
