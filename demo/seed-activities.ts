/**
 * The demo's activities (kegiatan penilaian, Perban BKN 4/2024 Pasal 8): one at Kanreg I
 * Yogyakarta (WIB) and one at Kanreg IV Makassar (WITA), each holding the venue's sessions of today
 * and sessions in the coming week, so the agenda, the activity list and the room list have
 * something true to show, and a coordinator looking at Makassar reads WITA. Written straight into
 * the database like the rest of the seed (the rules of planning are for people, not for the seed),
 * with an audit row per activity so the trail says where they came from.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appendAudit } from '../db/queries/audit.ts';
import { activities, activityAssignments, rooms, sessions, venues } from '../db/schema.ts';
import { TIME_ZONE_INFO, type ActivityPurpose, type TeamRole, type VenueTimeZone } from '../protocol/activity.ts';
import { zonedDate, zonedInstant } from '../server/domain/activity-rules.ts';
import { nationalHolidays } from '../server/domain/national-holidays.ts';
import { addDays, inProasnWindow, makeCalendar } from '../server/domain/working-days.ts';

type Plan = {
  venueCode: string;
  purpose: ActivityPurpose;
  agency: string;
  plannedParticipants: number;
  jobLevels: string[];
  units: string;
  facilities: string;
  /** the coming week: per working day, which room at which hour (the venue's clock) */
  week: { room: string; time: string }[];
  team: { userId: number | undefined; teamRole: TeamRole }[];
};

/**
 * Seeds the activities; `team` ids are the demo accounts'. Returns the activity ids. A ProASN
 * activity only while the programme runs (SE BKN 6/2026 §5.e.1); otherwise a mapping activity.
 */
export function seedDemoActivities(
  db: Db, who: { koordinator?: number; pengawas?: number; instruktur?: number; petugasTi?: number; operator?: number }, agencies: { yogya: string; makassar: string },
  now = Date.now()
): number[] {
  const plans: Plan[] = [
    {
      venueCode: 'KANREG1-YK', purpose: 'proasn', agency: agencies.yogya, plannedParticipants: 120,
      jobLevels: ['Ahli Pertama', 'Ahli Muda', 'Penyelia'], units: 'Perangkat daerah Kabupaten Sleman',
      facilities: 'Ruang CAT 1 dan 2, proyektor, 3 PC cadangan, genset', week: [{ room: 'R1', time: '08:00' }, { room: 'R2', time: '13:00' }],
      team: [
        { userId: who.koordinator, teamRole: 'koordinator' }, { userId: who.instruktur, teamRole: 'instruktur' },
        { userId: who.pengawas, teamRole: 'pengawas' }, { userId: who.petugasTi, teamRole: 'petugas_ti' }, { userId: who.operator, teamRole: 'instansi' }
      ]
    },
    {
      venueCode: 'KANREG4-MKS', purpose: 'pemetaan', agency: agencies.makassar, plannedParticipants: 24,
      jobLevels: ['Administrator', 'Pengawas'], units: 'Sekretariat Daerah Kota Makassar',
      facilities: 'Ruang CAT Makassar, proyektor', week: [{ room: 'M1', time: '08:00' }], team: []
    }
  ];
  const ids: number[] = [];
  db.transaction(() => {
    for (const plan of plans) {
      const venue = db.select().from(venues).where(eq(venues.code, plan.venueCode)).get();
      if (!venue) continue;
      const zone = venue.timeZone as VenueTimeZone;
      const today = zonedDate(now, zone);
      const cal = makeCalendar(nationalHolidays);
      // the coming week's working days after today
      const days: string[] = [];
      for (let d = addDays(today, 1); days.length < 5; d = addDays(d, 1)) if (cal.isWorkingDay(d)) days.push(d);
      const dateTo = days.at(-1)!;
      const purpose = plan.purpose === 'proasn' && !(inProasnWindow(today) && inProasnWindow(dateTo)) ? 'pemetaan' : plan.purpose;
      const a = db.insert(activities).values({
        purpose, agency: plan.agency, venueId: venue.id, dateFrom: today, dateTo, plannedParticipants: plan.plannedParticipants,
        jobLevelsJson: JSON.stringify(plan.jobLevels), units: plan.units, facilities: plan.facilities, createdAt: now, updatedAt: now
      }).returning({ id: activities.id }).get();
      ids.push(a.id);
      const roomList = db.select().from(rooms).where(eq(rooms.venueId, venue.id)).all();
      const roomIds = roomList.map((r) => r.id);
      // today's sessions of the venue belong to it; a ProASN session today takes its late roster
      // only by the koordinator's exception (SE §5.i.2.d), which the demo shows as made
      let n = 0;
      const todays = roomIds.length ? db.select().from(sessions).where(inArray(sessions.roomId, roomIds)).all() : [];
      for (const s of todays) {
        n++;
        const room = roomList.find((r) => r.id === s.roomId)!;
        db.update(sessions).set({
          activityId: a.id, code: `K${a.id}-S${n}`, capacity: room.rows * room.cols,
          ...(purpose === 'proasn' && s.state === 'scheduled'
            ? { lateRegistrationReason: 'Daftar peserta instansi menyusul pada hari tes; disetujui koordinator (demo)', lateRegistrationBy: who.koordinator ?? null, lateRegistrationAt: now }
            : {})
        }).where(eq(sessions.id, s.id)).run();
      }
      for (const day of days) {
        for (const slot of plan.week) {
          const room = roomList.find((r) => r.code === slot.room);
          if (!room) continue;
          n++;
          db.insert(sessions).values({
            roomId: room.id, activityId: a.id, code: `K${a.id}-S${n}`, name: `Sesi ${n}`, state: 'scheduled',
            scheduledAt: zonedInstant(day, slot.time, zone), durationMin: 180, capacity: room.rows * room.cols, stateChangedAt: now
          }).run();
        }
      }
      for (const m of plan.team) {
        if (m.userId === undefined) continue;
        db.insert(activityAssignments).values({ activityId: a.id, userId: m.userId, teamRole: m.teamRole, assignedAt: now, assignedBy: null }).run();
      }
      appendAudit(db, { kind: 'system' }, {
        action: 'activity.created', venueId: venue.id, targetType: 'activity', targetId: a.id, at: now,
        after: { activityPurpose: purpose, userAgency: plan.agency, venueId: venue.id, dateFrom: today, dateTo, plannedParticipants: plan.plannedParticipants, units: `demo seed, ${TIME_ZONE_INFO[zone].abbr}` }
      });
    }
  });
  return ids;
}
