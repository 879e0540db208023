/**
 * The daftar periksa of Perban BKN 4/2024 Lampiran I.B: what the system can measure is offered as
 * a suggestion (with its basis), the proctor answers every row and signs. An answer that differs
 * from what was measured needs a note, so the form never silently contradicts the stations.
 */
import {
  CHECKLIST_COUNTS, CHECKLIST_KEYS, nipProblem,
  type ChecklistConclusion, type ChecklistCountKey, type ChecklistItemKey, type ChecklistItemState,
  type ChecklistSuggestion, type ChecklistView, type ComplianceItem, type ConnState, type Kesesuaian
} from '../../protocol/index.ts';
import { NIP_PROBLEM_TEXT } from '../../protocol/messages/nip.ts';

export type ChecklistStation = { code: string; spare: boolean; state: ConnState; compliance: ComplianceItem[]; kbps: number | null };

export type ChecklistContent = {
  items: Record<ChecklistItemKey, ChecklistItemState>;
  counts: Record<ChecklistCountKey, number | null>;
  conclusion: ChecklistConclusion | null;
  recommendation: string;
  signers: ChecklistView['signers'];
};

/** Lampiran II hardware rows that make up B.1 (latency and bandwidth are B.4, browser is B.3). */
const HARDWARE: ComplianceItem['key'][] = ['cpu', 'memory', 'disk', 'screen', 'webcam'];
const MAX_CODES = 5;

/** "A01, A02, A03, A04, A05 dan 3 lainnya" */
function codes(list: string[], lang: 'id' | 'en'): string {
  const shown = list.slice(0, MAX_CODES).join(', ');
  const more = list.length - MAX_CODES;
  if (more <= 0) return shown;
  return lang === 'id' ? `${shown} dan ${more} lainnya` : `${shown} and ${more} more`;
}

function suggestion(value: Kesesuaian | null, basis: string, basisEn: string): ChecklistSuggestion {
  return { value, basis, basisEn };
}

/** A station's verdict on some compliance items: any fail → fail, any missing or unknown → unknown. */
function verdict(st: ChecklistStation, keys: ComplianceItem['key'][]): ComplianceItem['status'] {
  const items = keys.map((k) => st.compliance.find((c) => c.key === k)?.status ?? 'unknown');
  if (items.includes('fail')) return 'fail';
  return items.includes('unknown') ? 'unknown' : 'pass';
}

const NO_TEST_PCS = suggestion(null, 'Belum ada PC tes di ruang ini', 'There are no test PCs in this room yet');

/** B.1 (spesifikasi, Lampiran II) and B.3 (browser) share the same shape of answer. */
function fromCompliance(
  tests: ChecklistStation[],
  keys: ComplianceItem['key'][],
  what: { id: string; en: string }
): ChecklistSuggestion {
  if (tests.length === 0) return NO_TEST_PCS;
  const n = tests.length;
  const failed = tests.filter((s) => verdict(s, keys) === 'fail').map((s) => s.code);
  const unknown = tests.filter((s) => verdict(s, keys) === 'unknown').map((s) => s.code);
  const passed = n - failed.length - unknown.length;
  if (failed.length) {
    return suggestion(
      'tidak_sesuai',
      `${failed.length} dari ${n} PC tes tidak memenuhi ${what.id}: ${codes(failed, 'id')}`,
      `${failed.length} of ${n} test PCs do not meet ${what.en}: ${codes(failed, 'en')}`
    );
  }
  if (unknown.length) {
    return suggestion(
      null,
      `${passed} dari ${n} PC tes memenuhi ${what.id}; ${unknown.length} belum terbaca: ${codes(unknown, 'id')}`,
      `${passed} of ${n} test PCs meet ${what.en}; ${unknown.length} not read yet: ${codes(unknown, 'en')}`
    );
  }
  return suggestion('sesuai', `${n} dari ${n} PC tes memenuhi ${what.id}`, `${n} of ${n} test PCs meet ${what.en}`);
}

/** B.2: every PC in the room, spares included, is connected. */
function connected(all: ChecklistStation[]): ChecklistSuggestion {
  if (all.length === 0) return suggestion(null, 'Belum ada PC di ruang ini', 'There are no PCs in this room yet');
  const off = all.filter((s) => s.state === 'offline').map((s) => s.code);
  const n = all.length;
  if (off.length === 0) return suggestion('sesuai', `${n} dari ${n} PC terhubung`, `${n} of ${n} PCs are connected`);
  return suggestion(
    'tidak_sesuai',
    `${off.length} dari ${n} PC tidak terhubung: ${codes(off, 'id')}`,
    `${off.length} of ${n} PCs are not connected: ${codes(off, 'en')}`
  );
}

/** B.4: a measured bandwidth of at least the minimum (500 Kbps) on every test PC. */
function bandwidth(tests: ChecklistStation[], minKbps: number): ChecklistSuggestion {
  if (tests.length === 0) return NO_TEST_PCS;
  const n = tests.length;
  const low = tests.filter((s) => s.kbps !== null && s.kbps < minKbps);
  const measured = tests.filter((s) => s.kbps !== null).length;
  if (low.length) {
    const list = low.map((s) => `${s.code} (${Math.round(s.kbps!)} Kbps)`);
    return suggestion(
      'tidak_sesuai',
      `${low.length} dari ${n} PC tes di bawah ${minKbps} Kbps: ${codes(list, 'id')}`,
      `${low.length} of ${n} test PCs are below ${minKbps} Kbps: ${codes(list, 'en')}`
    );
  }
  if (measured < n) {
    return suggestion(
      null,
      `${measured} dari ${n} PC tes sudah diukur, semuanya ≥ ${minKbps} Kbps; ukur sisanya`,
      `${measured} of ${n} test PCs measured, all ≥ ${minKbps} Kbps; measure the rest`
    );
  }
  return suggestion('sesuai', `${n} dari ${n} PC tes ≥ ${minKbps} Kbps`, `${n} of ${n} test PCs ≥ ${minKbps} Kbps`);
}

/**
 * What the stations say about rows B.1–B.4 and the counts of the "Sarana / Jumlah" table. A, B.5 and
 * C.* are things only a person can check (coordination, installed software, projector, desk, power).
 */
export function suggestChecklist(
  stations: ChecklistStation[],
  minBandwidthKbps: number
): { suggestions: ChecklistView['suggestions']; counts: ChecklistView['suggestedCounts'] } {
  const tests = stations.filter((s) => !s.spare);
  const spares = stations.length - tests.length;
  return {
    suggestions: {
      'B.1': fromCompliance(tests, HARDWARE, { id: 'spesifikasi Lampiran II', en: 'the Lampiran II specification' }),
      'B.2': connected(stations),
      'B.3': fromCompliance(tests, ['browser'], { id: 'ketentuan browser', en: 'the browser requirement' }),
      'B.4': bandwidth(tests, minBandwidthKbps)
    },
    // The proctor adds the instruction PCs and projectors; pcKeseluruhan is then theirs to correct.
    counts: { ruangTes: 1, pcTes: tests.length, pcCadangan: spares, pcKeseluruhan: tests.length + spares }
  };
}

export function emptyChecklistContent(): ChecklistContent & { conclusion: null } {
  const items = Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, { value: null, keterangan: '' }])) as Record<ChecklistItemKey, ChecklistItemState>;
  const counts = Object.fromEntries(CHECKLIST_COUNTS.map((c) => [c.key, null])) as Record<ChecklistCountKey, number | null>;
  return {
    items,
    counts,
    conclusion: null,
    recommendation: '',
    signers: { bkn: { name: '', nip: '' }, instansi: { name: '', nip: '' } }
  };
}

const LABEL: Record<Kesesuaian, string> = { sesuai: 'sesuai', tidak_sesuai: 'tidak sesuai' };

/**
 * What still stops the form from being complete (Lampiran I.B is signed by the BKN proctor and the
 * agency's organiser, with the conclusion and, when not fit, a recommendation). Paths name the field.
 */
export function missingForCompletion(c: ChecklistContent, suggestions: ChecklistView['suggestions']): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const key of CHECKLIST_KEYS) {
    const item = c.items[key];
    if (!item || item.value === null) {
      out.push({ path: `items.${key}`, message: `Item ${key} is not answered` });
      continue;
    }
    const noted = item.keterangan.trim().length > 0;
    const s = suggestions[key];
    if (noted) continue;
    if (item.value === 'tidak_sesuai') {
      out.push({ path: `items.${key}.keterangan`, message: `Item ${key} is tidak sesuai: add a note (keterangan) saying what is wrong` });
    } else if (s && s.value !== null && s.value !== item.value) {
      out.push({
        path: `items.${key}.keterangan`,
        message: `Item ${key} is answered ${LABEL[item.value]} but the system measured ${LABEL[s.value]} (${s.basisEn}): add a note (keterangan) explaining why`
      });
    }
  }
  for (const { key, text } of CHECKLIST_COUNTS) {
    if (c.counts[key] === null || c.counts[key] === undefined) out.push({ path: `counts.${key}`, message: `The count of ${text} is not filled in` });
  }
  if (c.conclusion === null) out.push({ path: 'conclusion', message: 'The conclusion (layak / tidak layak) is not chosen' });
  if (c.conclusion === 'tidak_layak' && !c.recommendation.trim()) {
    out.push({ path: 'recommendation', message: 'A room concluded tidak layak needs a recommendation (what must be fixed)' });
  }
  const who = { bkn: 'the BKN proctor', instansi: "the agency's organiser" } as const;
  for (const side of ['bkn', 'instansi'] as const) {
    const s = c.signers[side];
    if (!s.name.trim()) out.push({ path: `signers.${side}.name`, message: `The name of ${who[side]} who signs is missing` });
    if (!s.nip.trim()) out.push({ path: `signers.${side}.nip`, message: `The NIP of ${who[side]} who signs is missing` });
    else {
      // the one NIP rule (protocol/nip.ts), as for the import and the accounts
      const problem = nipProblem(s.nip.trim());
      if (problem) out.push({ path: `signers.${side}.nip`, message: `The NIP of ${who[side]} is not plausible: ${NIP_PROBLEM_TEXT[problem].en}` });
    }
  }
  return out;
}
