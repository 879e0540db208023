import { describe, expect, it } from 'vitest';
import { emptyChecklistContent, missingForCompletion, suggestChecklist, type ChecklistContent, type ChecklistStation } from '../../server/domain/checklist.ts';
import { CHECKLIST_COUNTS, CHECKLIST_KEYS, type ComplianceItem } from '../../protocol/index.ts';

type Status = ComplianceItem['status'];
const KEYS: ComplianceItem['key'][] = ['cpu', 'memory', 'disk', 'screen', 'webcam', 'browser', 'latency', 'bandwidth'];
const compliance = (over: Partial<Record<ComplianceItem['key'], Status>> = {}): ComplianceItem[] =>
  KEYS.map((key) => ({ key, required: '', actual: null, status: over[key] ?? 'pass' }));
const st = (code: string, over: Partial<ChecklistStation> = {}): ChecklistStation =>
  ({ code, spare: false, state: 'online', compliance: compliance(), kbps: 2000, ...over });
const room = (n: number, spares = 0) => [
  ...Array.from({ length: n }, (_, i) => st(`A${String(i + 1).padStart(2, '0')}`)),
  ...Array.from({ length: spares }, (_, i) => st(`S${i + 1}`, { spare: true }))
];

describe('suggestions from the stations (Lampiran I.B, B.1–B.4)', () => {
  it('a healthy room: everything sesuai, with the basis counted', () => {
    const { suggestions, counts } = suggestChecklist(room(22, 2), 500);
    expect(suggestions['B.1']).toEqual({
      value: 'sesuai', basis: '22 dari 22 PC tes memenuhi spesifikasi Lampiran II', basisEn: '22 of 22 test PCs meet the Lampiran II specification'
    });
    expect(suggestions['B.2']).toMatchObject({ value: 'sesuai', basis: '24 dari 24 PC terhubung' });
    expect(suggestions['B.3']).toMatchObject({ value: 'sesuai' });
    expect(suggestions['B.4']).toMatchObject({ value: 'sesuai', basis: '22 dari 22 PC tes ≥ 500 Kbps' });
    expect(counts).toEqual({ ruangTes: 1, pcTes: 22, pcCadangan: 2, pcKeseluruhan: 24 });
  });
  it('A, B.5 and C.* are never suggested', () => {
    const { suggestions } = suggestChecklist(room(3), 500);
    expect(Object.keys(suggestions).sort()).toEqual(['B.1', 'B.2', 'B.3', 'B.4']);
  });
  it('B.1: a failing hardware item on a test PC → tidak sesuai, naming up to five codes', () => {
    const stations = room(8).map((s, i) => (i < 7 ? { ...s, compliance: compliance({ memory: 'fail' }) } : s));
    const s = suggestChecklist(stations, 500).suggestions['B.1']!;
    expect(s.value).toBe('tidak_sesuai');
    expect(s.basis).toBe('7 dari 8 PC tes tidak memenuhi spesifikasi Lampiran II: A01, A02, A03, A04, A05 dan 2 lainnya');
    expect(s.basisEn).toContain('and 2 more');
  });
  it('B.1: spares and non-hardware items do not count; unknowns leave it open', () => {
    const stations = [st('A01', { compliance: compliance({ bandwidth: 'fail', latency: 'fail' }) }), st('S1', { spare: true, compliance: compliance({ cpu: 'fail' }) })];
    expect(suggestChecklist(stations, 500).suggestions['B.1']!.value).toBe('sesuai');
    const unread = [st('A01'), st('A02', { compliance: [] }), st('A03', { compliance: compliance({ webcam: 'unknown' }) })];
    const s = suggestChecklist(unread, 500).suggestions['B.1']!;
    expect(s.value).toBeNull();
    expect(s.basis).toBe('1 dari 3 PC tes memenuhi spesifikasi Lampiran II; 2 belum terbaca: A02, A03');
  });
  it('B.2: any PC offline, spares included → tidak sesuai with the count; degraded is still connected', () => {
    const stations = [...room(3), st('S1', { spare: true, state: 'offline' })];
    stations[1] = { ...stations[1], state: 'degraded' };
    expect(suggestChecklist(stations, 500).suggestions['B.2']).toMatchObject({ value: 'tidak_sesuai', basis: '1 dari 4 PC tidak terhubung: S1' });
  });
  it('B.3: the browser item', () => {
    const stations = [st('A01', { compliance: compliance({ browser: 'fail' }) }), st('A02')];
    expect(suggestChecklist(stations, 500).suggestions['B.3']).toMatchObject({ value: 'tidak_sesuai', basis: '1 dari 2 PC tes tidak memenuhi ketentuan browser: A01' });
    expect(suggestChecklist([st('A01', { compliance: compliance({ browser: 'unknown' }) })], 500).suggestions['B.3']!.value).toBeNull();
  });
  it('B.4: a measured PC below the minimum → tidak sesuai; unmeasured → open with "x of y measured"', () => {
    const low = [st('A01', { kbps: 499 }), st('A02', { kbps: null }), st('A03')];
    expect(suggestChecklist(low, 500).suggestions['B.4']).toMatchObject({ value: 'tidak_sesuai', basis: '1 dari 3 PC tes di bawah 500 Kbps: A01 (499 Kbps)' });
    const partial = [st('A01', { kbps: 500 }), st('A02', { kbps: null }), st('S1', { spare: true, kbps: 10 })];
    expect(suggestChecklist(partial, 500).suggestions['B.4']).toMatchObject({ value: null, basisEn: '1 of 2 test PCs measured, all ≥ 500 Kbps; measure the rest' });
  });
  it('an empty room suggests nothing definite', () => {
    const { suggestions, counts } = suggestChecklist([], 500);
    for (const k of ['B.1', 'B.2', 'B.3', 'B.4'] as const) expect(suggestions[k]!.value).toBeNull();
    expect(counts).toEqual({ ruangTes: 1, pcTes: 0, pcCadangan: 0, pcKeseluruhan: 0 });
  });
});

const NIP_A = '198503102010121001';
const NIP_B = '199001012015032002';
function filled(): ChecklistContent {
  const c: ChecklistContent = emptyChecklistContent();
  for (const k of CHECKLIST_KEYS) c.items[k] = { value: 'sesuai', keterangan: '' };
  for (const { key } of CHECKLIST_COUNTS) c.counts[key] = 1;
  c.conclusion = 'layak';
  c.signers = { bkn: { name: 'Budi', nip: NIP_A }, instansi: { name: 'Sari', nip: NIP_B } };
  return c;
}
const paths = (c: ChecklistContent, s = {}) => missingForCompletion(c, s).map((m) => m.path);

describe('what stops the daftar periksa from being complete', () => {
  it('an empty form lists every item, count, the conclusion and both signers', () => {
    const missing = missingForCompletion(emptyChecklistContent(), {});
    expect(missing.map((m) => m.path)).toEqual([
      ...CHECKLIST_KEYS.map((k) => `items.${k}`),
      ...CHECKLIST_COUNTS.map((c) => `counts.${c.key}`),
      'conclusion',
      'signers.bkn.name', 'signers.bkn.nip', 'signers.instansi.name', 'signers.instansi.nip'
    ]);
    for (const m of missing) expect(m.message.length).toBeGreaterThan(5);
  });
  it('a fully filled form misses nothing', () => {
    expect(missingForCompletion(filled(), {})).toEqual([]);
  });
  it('tidak sesuai needs a keterangan', () => {
    const c = filled();
    c.items['C.5'] = { value: 'tidak_sesuai', keterangan: '  ' };
    expect(paths(c)).toEqual(['items.C.5.keterangan']);
    c.items['C.5'].keterangan = 'UPS rusak, genset tersedia';
    expect(paths(c)).toEqual([]);
  });
  it('overriding a measured suggestion needs a keterangan', () => {
    const s = { 'B.4': { value: 'tidak_sesuai' as const, basis: 'x', basisEn: '1 of 3 test PCs are below 500 Kbps' } };
    const c = filled();
    expect(paths(c, s)).toEqual(['items.B.4.keterangan']);
    expect(missingForCompletion(c, s)[0].message).toContain('1 of 3 test PCs are below 500 Kbps');
    c.items['B.4'].keterangan = 'diukur ulang dengan speedtest: 2 Mbps';
    expect(paths(c, s)).toEqual([]);
    // agreeing with it, or with no definite suggestion, needs nothing more
    expect(paths(filled(), { 'B.1': { value: 'sesuai', basis: '', basisEn: '' }, 'B.2': { value: null, basis: '', basisEn: '' } })).toEqual([]);
  });
  it('a zero count is an answer; null is not', () => {
    const c = filled();
    c.counts.lcdProyektor = 0;
    c.counts.pcPetunjuk = null;
    expect(paths(c)).toEqual(['counts.pcPetunjuk']);
  });
  it('tidak layak needs a recommendation', () => {
    const c = filled();
    c.conclusion = 'tidak_layak';
    expect(paths(c)).toEqual(['recommendation']);
    c.recommendation = 'Ganti UPS lalu periksa ulang';
    expect(paths(c)).toEqual([]);
  });
  it('signer NIPs must be 18 digits', () => {
    const c = filled();
    c.signers.instansi.nip = '12345';
    c.signers.bkn.name = ' ';
    expect(paths(c)).toEqual(['signers.bkn.name', 'signers.instansi.nip']);
  });
  it('signer NIPs follow the one NIP rule of the import and the accounts', () => {
    const c = filled();
    // 18 digits, but month 13, day 45: the import refuses it, so does the checklist
    c.signers.bkn.nip = '198013452005012001';
    // birth date fine, sex digit 3
    c.signers.instansi.nip = '198503102010123001';
    expect(paths(c)).toEqual(['signers.bkn.nip', 'signers.instansi.nip']);
    expect(missingForCompletion(c, {}).map((m) => m.message).join(' ')).toMatch(/first 8 digits of the NIP are not a real birth date/);
  });
});
