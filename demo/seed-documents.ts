/**
 * The demo's documents (Perban BKN 4/2024 Lampiran I–III): a session of Makassar's activity held
 * the previous working day and finalised — its record whole (checklist, attendance with one absent,
 * progress, three incidents, reasons) and the documents finalising leaves — and a session of
 * Yogyakarta's activity in the coming week postponed with its Berita Acara Penundaan. Issued
 * through the same document service the routes use, so they verify like any other.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { insertPostponement } from '../db/queries/postponements.ts';
import { recordTransition } from '../db/queries/sessions.ts';
import { activities, attendance, incidents, participantEvents, participants, rooms, sessionChecklists, sessions, stations } from '../db/schema.ts';
import { CHECKLIST_COUNTS, CHECKLIST_KEYS } from '../protocol/session.ts';
import type { DocumentSigner } from '../protocol/documents.ts';
import { zonedInstant } from '../server/domain/activity-rules.ts';
import { nationalHolidays } from '../server/domain/national-holidays.ts';
import { addDays, makeCalendar } from '../server/domain/working-days.ts';
import { baPenundaan } from '../server/documents/content/ba-penundaan.ts';
import { issueDocument, issueDocuments } from '../server/documents/document.service.ts';
import type { DocumentModel } from '../server/documents/model.ts';
import { agencyOf, placeOfVenue, rosterRows, sessionRecord } from '../server/documents/session-facts.ts';
import { issueChecklistModel } from '../server/session/checklist-document.ts';
import { loadSessionRef } from '../server/session/context.ts';
import { finalisationModels } from '../server/session/finalise.service.ts';
import { demoName, demoNip } from './seed.ts';

type Signer = { id: number; name: string; nip: string };

const signersOf = (bkn: Signer, instansi: { name: string; nip: string | null }): DocumentSigner[] => [
  { role: 'Tim Penyelenggara CACT BKN', name: bkn.name, nip: bkn.nip },
  { role: 'Instansi Pengguna', name: instansi.name, nip: instansi.nip }
];

async function issue(db: Db, model: DocumentModel, at: { venueId: number; sessionId: number; activityId: number | null; by: Signer; instansi: { name: string; nip: string | null } }, baseUrl: string) {
  const r = await issueDocument(db, { model, venueId: at.venueId, sessionId: at.sessionId, activityId: at.activityId, issuedBy: at.by.id, signers: signersOf(at.by, at.instansi) }, { baseUrl, now: model.issuedAt });
  if (!r.ok) throw new Error(`demo document refused: ${r.code}`);
  return r.document;
}

/** The last working day before `date`. */
function workingDayBefore(date: string): string {
  const cal = makeCalendar(nationalHolidays);
  let d = addDays(date, -1);
  while (!cal.isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

export async function seedDemoDocuments(db: Db, o: { pengawas: Signer; baseUrl: string; agencies: { yogya: string; makassar: string }; now?: number }): Promise<{ finalised: number | null; postponed: number | null }> {
  const now = o.now ?? Date.now();
  const out = { finalised: null as number | null, postponed: null as number | null };
  const instansiSigner = { name: 'Andi Baso (demo)', nip: null };

  // ---- Makassar: yesterday's session, finalised with its documents
  const mks = db.select({ a: activities, roomId: rooms.id, roomCode: rooms.code }).from(activities).innerJoin(rooms, eq(rooms.venueId, activities.venueId))
    .where(eq(activities.agency, o.agencies.makassar)).all().find((x) => x.roomCode === 'M1');
  if (mks) {
    const place = placeOfVenue(db, mks.a.venueId);
    const day = workingDayBefore(mks.a.dateFrom);
    const start = zonedInstant(day, '08:00', place.zone);
    db.update(activities).set({ dateFrom: day }).where(eq(activities.id, mks.a.id)).run();
    const st = db.select().from(stations).where(eq(stations.roomId, mks.roomId)).all();
    const sid = db.transaction(() => {
      const s = db.insert(sessions).values({
        roomId: mks.roomId, activityId: mks.a.id, code: `K${mks.a.id}-S0`, name: 'Sesi terdahulu', state: 'scheduled', scheduledAt: start,
        durationMin: 180, capacity: st.length, stateChangedAt: start - 3 * 3600_000
      }).returning().get();
      const items = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, { value: 'sesuai', keterangan: k === 'B.4' ? 'Rata-rata 1,8 Mbps per PC' : '' }]));
      db.insert(sessionChecklists).values({
        sessionId: s.id, itemsJson: JSON.stringify(items), countsJson: JSON.stringify(Object.fromEntries(CHECKLIST_COUNTS.map((c) => [c.key, c.key === 'pcTes' ? st.length : 1]))),
        conclusion: 'layak', recommendation: '', signersJson: JSON.stringify({ bkn: { name: o.pengawas.name, nip: o.pengawas.nip }, instansi: { name: instansiSigner.name, nip: '' } }),
        version: 1, updatedAt: start - 110 * 60_000, completedAt: start - 110 * 60_000, completedBy: o.pengawas.id
      }).run();
      // four asesi: three present (one completes everything, two run out of time), one absent
      for (let i = 0; i < 4; i++) {
        const p = db.insert(participants).values({
          sessionId: s.id, nip: demoNip(70_000 + i), name: demoName(40 + i), jabatan: 'Analis Kebijakan', jenjang: 'Ahli Muda', unitKerja: 'Sekretariat Daerah',
          instansi: mks.a.agency, nomorPeserta: `MKS-${String(i + 1).padStart(3, '0')}`, stationId: i < 3 ? st[i].id : null, importedAt: start - 86_400_000,
          ...(i === 3 ? { nonCompletionReason: 'absent', nonCompletionAt: start + 190 * 60_000, nonCompletionBy: o.pengawas.id }
            : i > 0 ? { nonCompletionReason: 'time_out', nonCompletionAt: start + 190 * 60_000, nonCompletionBy: o.pengawas.id } : {})
        }).returning().get();
        db.insert(attendance).values({
          participantId: p.id, sessionId: s.id, status: i === 3 ? 'absent' : 'present', arrivedAt: i === 3 ? null : start - 75 * 60_000,
          idCard: i !== 3, participantCard: i !== 3, faceMatch: i !== 3, late: false, recordedAt: start - 60 * 60_000, recordedBy: o.pengawas.id
        }).run();
        if (i < 3) {
          const ev = (seq: number, type: string, at: number, data: object) => db.insert(participantEvents).values({
            stationId: st[i].id, stream: `demo-mks-${i}`, seq, at, agentAt: at, receivedAt: at, sessionId: s.id, participantId: p.id, type, dataJson: JSON.stringify(data)
          }).run();
          ev(1, 'login', start + 5 * 60_000, { nip: p.nip });
          if (i === 0) {
            ev(2, 'finished', start + 170 * 60_000, {});
            ev(3, 'questionnaire', start + 175 * 60_000, {});
          }
        }
      }
      const inc = (min: number, category: string, description: string, actionTaken: string) =>
        db.insert(incidents).values({ sessionId: s.id, category, occurredAt: start + min * 60_000, description, actionTaken, reporterId: o.pengawas.id, createdAt: start + min * 60_000, updatedAt: start + min * 60_000 }).run();
      inc(20, 'station_offline', 'PC M1-A02 terputus dari server selama 4 menit.', 'Kabel jaringan dipasang ulang; peserta melanjutkan.');
      inc(65, 'power_failure', 'Listrik padam 2 menit.', 'UPS menyala; tes tidak terganggu.');
      inc(110, 'talking', 'Asesi di M1-A03 berbicara dengan asesi di sebelahnya.', 'Diberi teguran lisan.');
      const step = (action: string, from: string, to: string, at: number) =>
        recordTransition(db, { sessionId: s.id, at, action, from: from as never, to: to as never, reason: null, actorId: o.pengawas.id });
      step('prepare', 'scheduled', 'preparation', start - 120 * 60_000);
      step('open', 'preparation', 'open', start - 100 * 60_000);
      step('start', 'open', 'running', start);
      step('finish', 'running', 'finished', start + 185 * 60_000);
      return s.id;
    });
    const ref = loadSessionRef(db, sid)!;
    const at = { venueId: mks.a.venueId, sessionId: sid, activityId: mks.a.id, by: o.pengawas, instansi: instansiSigner };
    const checklist = issueChecklistModel(db, ref);
    if (checklist) await issue(db, checklist.model, at, o.baseUrl);
    const finalisedAt = start + 195 * 60_000;
    for (const m of finalisationModels({ db } as never, ref, { bkn: { name: o.pengawas.name, nip: o.pengawas.nip }, instansi: { ...instansiSigner, jabatan: 'Kepala Bidang Pengembangan SDM' } }, finalisedAt)) {
      await issue(db, m, at, o.baseUrl);
    }
    recordTransition(db, { sessionId: sid, at: finalisedAt, action: 'finalise', from: 'finished', to: 'finalised', reason: null, actorId: o.pengawas.id });
    out.finalised = sid;
  }

  // ---- Yogyakarta: a session of the coming week postponed, with its berita acara
  // the last session of the coming week: the rest of the week still runs
  const yk = db.select({ s: sessions, a: activities }).from(sessions).innerJoin(activities, eq(activities.id, sessions.activityId))
    .where(eq(activities.agency, o.agencies.yogya)).all()
    .filter((x) => x.s.state === 'scheduled' && x.s.scheduledAt > now + 86_400_000)
    .sort((a, b) => b.s.scheduledAt - a.s.scheduledAt)[0];
  if (yk) {
    await postponeWithBa(db, yk.s.id, {
      by: o.pengawas, baseUrl: o.baseUrl, at: now - 30 * 60_000, transition: true,
      agencyOfficial: { name: 'Drs. Sutrisno (demo)', jabatan: 'Kepala BKPSDM Kabupaten Sleman' }
    });
    out.postponed = yk.s.id;
  }
  return out;
}

/**
 * A session postponed with its Berita Acara Penundaan (Pasal 12(2)e–f, Lampiran III), as the
 * postponement form records it: the document and the postponement stored together. `transition`:
 * also record the step (a session the seed already put in the postponed state has it).
 */
async function postponeWithBa(
  db: Db, sessionId: number,
  o: { by: Signer; baseUrl: string; at: number; transition: boolean; agencyOfficial: { name: string; jabatan: string } }
): Promise<void> {
  const s = sessionRecord(db, sessionId);
  const ref = loadSessionRef(db, sessionId)!;
  const place = placeOfVenue(db, ref.venueId);
  const input = {
    category: 'jaringan' as const, reason: 'jaringan internet gedung terputus sejak pagi dan penyedia layanan belum dapat memulihkannya',
    coordination: {
      agencyOfficial: o.agencyOfficial,
      bknOfficial: { name: 'Ir. Wahyu Nugroho (demo)', jabatan: 'Kepala Kantor Regional BKN', office: 'kanreg' as const }
    },
    followUps: ['Memastikan koneksi internet pulih dengan bandwidth minimal 500 Kbps per PC', 'Memeriksa ulang seluruh PC dan mengisi daftar periksa baru'],
    signers: { bkn: { name: o.by.name, nip: o.by.nip }, instansi: { name: 'Rina Lestari (demo)', nip: null } }
  };
  const model = baPenundaan({
    number: '', issuedAt: o.at, place, agency: agencyOf(db, s, rosterRows(db, s.id)),
    sessions: [{ code: s.code, name: s.name, roomName: s.roomName, scheduledAt: s.scheduledAt }], ...input
  });
  const r = await issueDocuments(db, [{
    model, venueId: ref.venueId, sessionId: s.id, activityId: s.activityId, issuedBy: o.by.id, signers: signersOf(o.by, input.signers.instansi)
  }], { baseUrl: o.baseUrl, now: o.at }, ([doc]) => {
    insertPostponement(db, {
      sessionId: s.id, activityId: s.activityId, scope: 'session', category: input.category, reason: input.reason,
      coordinationJson: JSON.stringify(input.coordination), signersJson: JSON.stringify(input.signers), documentId: doc.id,
      createdAt: o.at, createdBy: o.by.id
    }, [s.id], input.followUps);
    if (o.transition) {
      recordTransition(db, { sessionId: s.id, at: o.at, action: 'postpone', from: s.state as 'scheduled', to: 'postponed', reason: `${input.category}: ${input.reason}`, actorId: o.by.id });
    }
    return { ok: true };
  });
  if (!r.ok) throw new Error(`demo postponement refused: ${r.code}`);
}

/**
 * The many-venue demo's postponed sessions (demo/seed.ts seedDemoVenues puts them in that state):
 * each with its Berita Acara Penundaan and postponement record, as a proctor would have left them,
 * so the board's and the monitoring report's figures are those of a real day.
 */
export async function documentSeededPostponements(db: Db, o: { by: Signer; baseUrl: string; now?: number }): Promise<number> {
  const now = o.now ?? Date.now();
  const postponed = db.$client.prepare(`
    select s.id from sessions s where s.state = 'postponed'
      and not exists (select 1 from postponement_sessions ps where ps.session_id = s.id) order by s.id`).all() as { id: number }[];
  for (const { id } of postponed) {
    await postponeWithBa(db, id, { by: o.by, baseUrl: o.baseUrl, at: now - 20 * 60_000, transition: false, agencyOfficial: { name: 'Kepala BKPSDM (demo)', jabatan: 'Kepala Badan Kepegawaian Daerah' } });
  }
  return postponed.length;
}
