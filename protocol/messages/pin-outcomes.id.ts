/** What the exam application shows the participant for each PIN verdict (Pasal 14(1)i), in Bahasa Indonesia. */
import type { PinVerifyOutcome } from '../session.ts';

export const pinOutcomesId = {
  ok: 'PIN benar. Silakan lanjutkan.',
  wrong: 'PIN salah. Periksa PIN pada layar proyektor.',
  expired: 'PIN sudah tidak berlaku. Lihat PIN baru pada layar proyektor.',
  revoked: 'PIN sudah dicabut pengawas. Tunggu PIN baru.',
  no_pin: 'PIN sesi belum diterbitkan. Tunggu arahan pengawas.',
  locked: 'PC ini dikunci karena PIN salah berulang kali. Hubungi pengawas.',
  not_running: 'Tidak ada sesi tes yang berjalan di ruang ini.',
  not_started: 'Tes belum dimulai. Tunggu pengawas memulai tes, lalu masukkan PIN lagi.',
  unregistered: 'Anda belum registrasi di meja registrasi. Silakan ke meja registrasi terlebih dahulu.'
} as const satisfies Record<PinVerifyOutcome, string>;
