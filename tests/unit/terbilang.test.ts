import { describe, expect, it } from 'vitest';
import { BULAN, HARI, dateWords, onThisDay, placeAndDate, terbilang } from '../../protocol/format/terbilang.ts';

describe('numbers in Indonesian words', () => {
  it('says the numbers that trip people up the way the rules say them', () => {
    const cases: [number, string][] = [
      [0, 'nol'], [1, 'satu'], [10, 'sepuluh'], [11, 'sebelas'], [12, 'dua belas'], [19, 'sembilan belas'], [20, 'dua puluh'],
      [21, 'dua puluh satu'], [99, 'sembilan puluh sembilan'], [100, 'seratus'], [101, 'seratus satu'], [110, 'seratus sepuluh'],
      [111, 'seratus sebelas'], [200, 'dua ratus'], [999, 'sembilan ratus sembilan puluh sembilan'], [1000, 'seribu'],
      [1001, 'seribu satu'], [1100, 'seribu seratus'], [1111, 'seribu seratus sebelas'], [2000, 'dua ribu'], [2026, 'dua ribu dua puluh enam'],
      [2099, 'dua ribu sembilan puluh sembilan'], [11000, 'sebelas ribu'], [100000, 'seratus ribu'], [101000, 'seratus satu ribu'],
      [1000000, 'satu juta'], [1001000, 'satu juta seribu'], [2500000, 'dua juta lima ratus ribu'], [1000000000, 'satu miliar'],
      [1000000000000, 'satu triliun'], [999999999999999, 'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan']
    ];
    for (const [n, words] of cases) expect(terbilang(n), String(n)).toBe(words);
  });

  it('refuses what is not a whole number in range, rather than saying something wrong', () => {
    for (const bad of [-1, 1.5, NaN, 1e15, Infinity]) expect(() => terbilang(bad)).toThrow(RangeError);
  });

  it('never doubles a space or leaves one at an end, from 0 to 100 000', () => {
    for (let n = 0; n <= 100_000; n++) {
      const w = terbilang(n);
      expect(w === w.trim() && !w.includes('  ')).toBe(true);
    }
  });
});

describe('dates in words, as the berita acara opens', () => {
  it('writes the opening sentence of a berita acara', () => {
    expect(onThisDay('2026-11-23')).toBe('Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh enam');
    expect(onThisDay('2026-12-11')).toBe('Pada hari ini Jumat tanggal sebelas bulan Desember tahun dua ribu dua puluh enam');
    expect(onThisDay('2000-01-01')).toBe('Pada hari ini Sabtu tanggal satu bulan Januari tahun dua ribu');
    expect(placeAndDate('Makassar', '2026-12-07')).toBe('Makassar, 7 Desember 2026');
  });

  it('is right on leap days and refuses the days that do not exist', () => {
    expect(dateWords('2000-02-29')).toEqual({ hari: 'Selasa', tanggal: 'dua puluh sembilan', bulan: 'Februari', tahun: 'dua ribu' });
    expect(dateWords('2024-02-29')).toEqual({ hari: 'Kamis', tanggal: 'dua puluh sembilan', bulan: 'Februari', tahun: 'dua ribu dua puluh empat' });
    for (const bad of ['2026-02-29', '2100-02-29', '2026-13-01', '2026-04-31', '26-01-01', '']) expect(() => dateWords(bad), bad).toThrow(RangeError);
  });

  it('names the right weekday, day, month and year for every date from 2000 to 2099', () => {
    const day = 86_400_000;
    let checked = 0;
    for (let ms = Date.UTC(2000, 0, 1); ms <= Date.UTC(2099, 11, 31); ms += day) {
      const d = new Date(ms);
      const iso = d.toISOString().slice(0, 10);
      const w = dateWords(iso);
      expect(w.hari).toBe(HARI[d.getUTCDay()]);
      expect(w.bulan).toBe(BULAN[d.getUTCMonth()]);
      expect(w.tanggal).toBe(terbilang(d.getUTCDate()));
      expect(w.tahun).toBe(terbilang(d.getUTCFullYear()));
      checked++;
    }
    expect(checked).toBe(36525);
    // every month's name, every day number's words
    expect(new Set(Array.from({ length: 12 }, (_, i) => dateWords(`2026-${String(i + 1).padStart(2, '0')}-01`).bulan)).size).toBe(12);
    expect(dateWords('2026-01-31').tanggal).toBe('tiga puluh satu');
  });
});
