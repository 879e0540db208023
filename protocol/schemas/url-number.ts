/**
 * A whole number read from a URL (a path parameter or a query value): plain decimal digits only.
 * z.coerce.number() also reads "0x1", "1e3", " 12 ", "" and "Infinity" (as 1, 1000, 12, 0 and
 * Infinity), so a typo or a probe could name another record than the one written.
 */
import { z } from 'zod';

export const urlInt = (min: number, max: number) =>
  z.string().regex(/^\d{1,16}$/, 'a whole number in decimal digits').transform(Number).pipe(z.number().int().min(min).max(max));

/** A record id in a URL: 1 … 2³¹. */
export const urlId = () => urlInt(1, 2 ** 31);
