/**
 * Lampiran I.A angka 1.a (Perban BKN 4/2024): "Asesi hadir registrasi paling lambat 60 (enam puluh)
 * menit sebelum waktu tes." Arriving later is recorded as late; it is the proctor's call what
 * follows (an incident of category late_arrival), the system only marks it.
 */
import { LATE_ARRIVAL_MIN } from '../../protocol/index.ts';

/** The last moment of on-time registration: scheduledAt − 60 minutes. */
export function lateAfter(scheduledAt: number): number {
  return scheduledAt - LATE_ARRIVAL_MIN * 60_000;
}

/** "paling lambat 60 menit sebelum": registering exactly 60 minutes before is still on time. */
export function isLate(arrivedAt: number, scheduledAt: number): boolean {
  return arrivedAt > lateAfter(scheduledAt);
}
