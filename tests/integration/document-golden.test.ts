/**
 * Golden documents: a session seeded at fixed moments in a WITA venue — postponed once, then held
 * with three incidents and one absent participant — gives, for each document it leaves, a PDF whose
 * text (Debian's pdftotext) equals a reviewed fixture in tests/fixtures/documents/, and the same
 * record gives the same bytes again. The facts are read from a real SQLite file through the same
 * functions the routes use (server/documents/session-facts.ts, finalise.service.ts).
 *
 * To review a change of wording: UPDATE_GOLDEN=1 npx vitest run tests/integration/document-golden.test.ts,
 * read the diff of the fixtures, commit them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { incidents, participantEvents, sessionChecklists, stations } from '../../db/schema.ts';
import { CHECKLIST_COUNTS, CHECKLIST_KEYS } from '../../protocol/session.ts';
import { seedVenue } from '../../demo/seed.ts';
import { baPenundaan } from '../../server/documents/content/ba-penundaan.ts';
import { baSerahTerima } from '../../server/documents/content/ba-serah-terima.ts';
import { laporanMonev } from '../../server/documents/content/laporan-monev.ts';
import { SAMPLE_RECOMMENDATIONS, SAMPLE_TEAM, sampleReport } from '../helpers/evaluation-report.ts';
import { contentHash, verifyCodeOf } from '../../server/documents/canonical.ts';
import type { DocumentModel } from '../../server/documents/model.ts';
import { renderPdf } from '../../server/documents/render-pdf.ts';
import { placeOfVenue } from '../../server/documents/session-facts.ts';
import { finalisationModels } from '../../server/session/finalise.service.ts';
import { loadSessionRef } from '../../server/session/context.ts';
import { issueChecklistModel } from '../../server/session/checklist-document.ts';
import { insertSessionRecord } from '../helpers/completion.ts';
import { openDb } from '../helpers/server.ts';
import { eq } from 'drizzle-orm';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/documents');
// Monday 23 November 2026: the session at 08.00 WITA (00:00 UTC), documents issued at 12.30 WITA
const AT = Date.UTC(2026, 10, 23, 0, 0);
const ISSUED = Date.UTC(2026, 10, 23, 4, 30);
const BASE_URL = 'https://cact.example.go.id';

let dir: string;
let db: Db;
const models: Record<string, DocumentModel> = {};

const seal = (m: DocumentModel) => {
  const hash = contentHash(m);
  const code = verifyCodeOf(hash);
  return { code, contentHash: hash, verifyUrl: `${BASE_URL}/verify/${code}` };
};
const pdfText = (pdf: Buffer, name: string) => {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cact-golden-'));
  db = openDb(join(dir, 'golden.sqlite'));
  const [first] = seedVenue(db, {
    code: 'KANREG4-MKS', name: 'Kantor Regional IV BKN Makassar', address: 'Jl. Prof. Dr. Ir. Sutami No. 28, Makassar', region: 'Kanreg IV Makassar',
    timeZone: 'Asia/Makassar', rooms: [{ code: 'X0', name: 'Ruang Kosong', rows: 1, cols: 1, session: null }], now: AT
  });
  const rec = insertSessionRecord(db, {
    venueId: first.venueId, code: 'G1', state: 'finished', at: AT, started: true,
    people: [
      { nip: '198405132006011012', name: 'Ahmad Saputra', attendance: 'present' },
      { nip: '199110242014042013', name: 'Budi Kusuma', attendance: 'absent' },
      { nip: '197203071996071014', name: 'Citra Setiawan Wulandari Kusumaningrum Prameswari Anindita Rahmawati', attendance: 'present' },
      { nip: '197908182004102015', name: 'Dewi Nugroho', attendance: 'present' }
    ]
  });
  // Ahmad completed everything; the others' reasons are the helper's ('technical'), Budi was absent
  const st = db.select().from(stations).where(eq(stations.roomId, rec.roomId)).get()!;
  let seq = 2;
  for (const [type, extra] of [['instrument', { instrument: 'kepribadian' }], ['finished', {}], ['questionnaire', {}]] as const) {
    db.insert(participantEvents).values({
      stationId: st.id, stream: 'rec-G1', seq: seq++, at: AT + 3 * 3600_000, agentAt: AT + 3 * 3600_000, receivedAt: AT + 3 * 3600_000,
      sessionId: rec.sessionId, participantId: rec.pids[0], type, dataJson: JSON.stringify(extra)
    }).run();
  }
  const incident = (min: number, category: string, description: string, actionTaken: string) =>
    db.insert(incidents).values({ sessionId: rec.sessionId, category, occurredAt: AT + min * 60_000, description, actionTaken, createdAt: AT + min * 60_000, updatedAt: AT + min * 60_000 }).run();
  incident(15, 'station_offline', 'PC G1-A01 terputus dari server selama 3 menit.', 'Koneksi dipulihkan; peserta melanjutkan.');
  incident(40, 'power_failure', 'Listrik berkedip dua kali.', 'UPS menyala; tes tidak terganggu.');
  incident(95, 'talking', 'Dua asesi berbicara saat tes berlangsung.', 'Diberi teguran lisan oleh pengawas.');
  const items = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, { value: 'sesuai', keterangan: k === 'B.4' ? 'Rata-rata 2,1 Mbps per PC' : '' }]));
  db.insert(sessionChecklists).values({
    sessionId: rec.sessionId, itemsJson: JSON.stringify(items), countsJson: JSON.stringify(Object.fromEntries(CHECKLIST_COUNTS.map((c, i) => [c.key, [1, 1, 4, 1, 1, 6][i]]))),
    conclusion: 'layak', recommendation: '', signersJson: JSON.stringify({ bkn: { name: 'Andi Pratama', nip: '198611152010071012' }, instansi: { name: 'Siti Rahma', nip: '' } }),
    version: 1, updatedAt: AT - 2 * 3600_000, completedAt: AT - 2 * 3600_000
  }).run();

  const ref = loadSessionRef(db, rec.sessionId)!;
  const deps = { db } as never;
  const bkn = { name: 'Andi Pratama', nip: '198611152010071012', jabatan: 'Pengawas CACT' };
  const instansi = { name: 'Siti Rahma', nip: null, jabatan: 'Kepala Bidang Pengembangan SDM' };
  const place = placeOfVenue(db, first.venueId);
  models.ba_penundaan = baPenundaan({
    number: 'BA-TND/KANREG4-MKS/2026/0001', issuedAt: AT - 24 * 3600_000, place, agency: 'Instansi A',
    sessions: [{ code: 'G1-S1', name: 'Sesi G1', roomName: 'Ruang G1', scheduledAt: AT - 24 * 3600_000 + 3600_000 }],
    category: 'listrik', reason: 'listrik padam di seluruh gedung dan genset belum tersedia',
    coordination: { agencyOfficial: { name: 'Drs. Baso Amir', jabatan: 'Kepala BKPSDM Kota Makassar' }, bknOfficial: { name: 'Ir. Made Sudarma', jabatan: 'Kepala Kantor Regional IV BKN', office: 'kanreg' } },
    followUps: ['Menyediakan genset yang berfungsi', 'Memeriksa ulang seluruh PC dan jaringan'], signers: { bkn, instansi }
  });
  models.daftar_periksa = { ...issueChecklistModel(db, ref)!.model, number: 'DP/KANREG4-MKS/2026/0002' };
  const [hadir, selesai, penyelenggaraan] = finalisationModels(deps, ref, { bkn, instansi }, ISSUED);
  models.daftar_hadir = { ...hadir, number: 'DH/KANREG4-MKS/2026/0003' };
  models.daftar_selesai = { ...selesai, number: 'DS/KANREG4-MKS/2026/0004' };
  models.ba_penyelenggaraan = { ...penyelenggaraan, number: 'BA-PNY/KANREG4-MKS/2026/0005' };
  models.ba_serah_terima = baSerahTerima({
    number: 'BA-STL/KANREG4-MKS/2026/0006', issuedAt: ISSUED, place, agency: 'Instansi A',
    pihakKesatu: bkn, pihakKedua: { name: 'Drs. Baso Amir', nip: '197001011995031001', jabatan: 'Kepala BKPSDM Kota Makassar' },
    sessions: 1, present: 3, absent: 1, beritaAcara: 2
  });
});

afterAll(() => {
  db?.$client.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the documents of a session, against reviewed fixtures', () => {
  for (const kind of ['ba_penundaan', 'daftar_periksa', 'daftar_hadir', 'daftar_selesai', 'ba_penyelenggaraan', 'ba_serah_terima']) {
    it(`${kind}: the PDF's text is the reviewed one, and the same record gives the same bytes`, async () => {
      const m = models[kind];
      const pdf = Buffer.from(await renderPdf(m, seal(m)));
      const again = Buffer.from(await renderPdf(structuredClone(m), seal(m)));
      expect(again.equals(pdf)).toBe(true);
      const text = pdfText(pdf, kind);
      const file = join(FIXTURES, `${kind}.txt`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
        mkdirSync(FIXTURES, { recursive: true });
        writeFileSync(file, text);
        if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`fixture ${file} written: review it and commit it`);
      }
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});

describe('the monitoring and evaluation report (Pasal 16), against a reviewed fixture', () => {
  it('laporan_monev: a hand-made report gives the reviewed text, and the same report gives the same bytes', async () => {
    const m = laporanMonev({
      number: 'LAP-MONEV/BKN/2026/0001', issuedAt: Date.UTC(2026, 11, 31, 9, 30), report: sampleReport(),
      recommendations: SAMPLE_RECOMMENDATIONS, ...SAMPLE_TEAM, issuedBy: 'Koordinator Uji'
    });
    const pdf = Buffer.from(await renderPdf(m, seal(m)));
    const again = Buffer.from(await renderPdf(structuredClone(m), seal(m)));
    expect(again.equals(pdf)).toBe(true);
    const text = pdfText(pdf, 'laporan_monev');
    const file = join(FIXTURES, 'laporan_monev.txt');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
      writeFileSync(file, text);
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`fixture ${file} written: review it and commit it`);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
