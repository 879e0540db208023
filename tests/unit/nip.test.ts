/** NIP plausibility (PP 11/2017): birth date, CPNS appointment, sex digit, 18 digits. */
import { describe, expect, it } from 'vitest';
import { demoNip } from '../../demo/seed.ts';
import { userNipSchema } from '../../protocol/schemas/accounts.ts';
import { nipProblem } from '../../protocol/nip.ts';
import { message } from '../../protocol/messages/index.ts';

/** birth YYYYMMDD + appointment YYYYMM + sex + 3-digit sequence */
const nip = (birth: string, appointed: string, sex = '1', seq = '001') => `${birth}${appointed}${sex}${seq}`;

describe('nipProblem', () => {
  it('accepts the seed generator\'s NIPs, over the range the tests and the demo use', () => {
    const bad: string[] = [];
    for (const i of [...Array(3000).keys(), ...Array.from({ length: 1000 }, (_, k) => 20000 + k)]) {
      const n = demoNip(i);
      if (n.length !== 18 || nipProblem(n) !== null) bad.push(`${i}: ${n} ${nipProblem(n)}`);
    }
    expect(bad).toEqual([]);
  });

  it('accepts plausible hand-written NIPs, including a 29 February and both sex digits', () => {
    expect(nipProblem(nip('19850412', '201003', '1'))).toBeNull();
    expect(nipProblem(nip('19920229', '201701', '2'))).toBeNull();
    expect(nipProblem(nip('20000101', '201512', '1'))).toBeNull(); // appointed at 15, the loosest bound
  });

  it('refuses a birth date that is not a real date', () => {
    expect(nipProblem(nip('19850231', '201003'))).toBe('birth_date'); // 31 February
    expect(nipProblem(nip('19930229', '201701'))).toBe('birth_date'); // not a leap year
    expect(nipProblem(nip('19851301', '201003'))).toBe('birth_date'); // month 13
    expect(nipProblem(nip('19850001', '201003'))).toBe('birth_date'); // month 00
    expect(nipProblem(nip('19850400', '201003'))).toBe('birth_date'); // day 00
    expect(nipProblem(nip('18990101', '192001'))).toBe('birth_date'); // before 1900
  });

  it('refuses an implausible appointment month or year', () => {
    expect(nipProblem(nip('19850412', '201000'))).toBe('appointment');
    expect(nipProblem(nip('19850412', '201013'))).toBe('appointment');
    expect(nipProblem(nip('19850412', '199912'))).toBe('appointment'); // appointed at 14
    expect(nipProblem(nip('19850412', '200001'))).toBeNull(); // at 15: accepted
    expect(nipProblem(nip('19500412', '202101'))).toBe('appointment'); // 71 years after birth
  });

  it('refuses a 15th digit other than 1 or 2', () => {
    expect(nipProblem(nip('19850412', '201003', '3'))).toBe('sex');
    expect(nipProblem(nip('19850412', '201003', '0'))).toBe('sex');
  });

  it('refuses anything that is not exactly 18 digits', () => {
    const good = nip('19850412', '201003');
    expect(nipProblem(good.slice(0, 17))).toBe('format');
    expect(nipProblem(good + '0')).toBe('format');
    expect(nipProblem('')).toBe('format');
    expect(nipProblem(good.slice(0, 17) + 'X')).toBe('format');
    expect(nipProblem(`${good.slice(0, 8)} ${good.slice(8)}`.slice(0, 18))).toBe('format');
  });

  it('the user schema reports the problem in English and Indonesian', () => {
    const r = userNipSchema.safeParse(nip('19850412', '201003', '3'));
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0] as { message: string; params?: { code?: string } };
    expect(issue.message).toMatch(/15th digit/);
    // the code of the message catalog, which words it in Bahasa Indonesia
    expect(issue.params?.code).toBe('nip.sex');
    expect(message('nip.sex', {}, 'id')).toMatch(/digit ke-15/);
    expect(userNipSchema.safeParse(` ${nip('19850412', '201003')} `).success).toBe(true); // trimmed
  });
});
