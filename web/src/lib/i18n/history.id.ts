/**
 * Bahasa Indonesia strings of a room's session history: every session of a room
 * stays reachable, read-only once finalised. history.en.ts must have the same keys.
 */
export const historyId = {
  'history.title': 'Riwayat sesi',
  'history.link': 'Riwayat sesi',
  'history.intro': 'Semua sesi ruang ini, yang terbaru lebih dulu. Catatan sesi yang sudah final (daftar periksa yang ditandatangani, kejadian, kehadiran) tetap dapat dibuka, hanya baca.',
  'history.loading': 'Memuat riwayat sesi…',
  'history.empty': 'Ruang ini belum pernah memiliki sesi.',
  'history.count': '{shown} dari {total} sesi',
  'history.more': 'Muat lebih banyak',
  'history.col.session': 'Sesi',
  'history.col.schedule': 'Jadwal',
  'history.col.state': 'Tahap',
  'history.col.attendance': 'Kehadiran',
  'history.col.incidents': 'Kejadian',
  'history.col.checklist': 'Daftar periksa',
  'history.col.records': 'Catatan',
  'history.current': 'sesi saat ini',
  'history.readOnlyBadge': 'final — hanya baca',
  'history.attendance': '{present} hadir · {absent} tidak hadir · {total} peserta',
  'history.noParticipants': 'belum ada peserta',
  'history.open.checklist': 'Daftar periksa',
  'history.open.incidents': 'Kejadian',
  'history.open.registration': 'Kehadiran',
  'history.open.participants': 'Peserta',
  'history.open.documents': 'Dokumen',
  'history.openFor': '{what}: {name} ({code})',
  'history.final': 'Sesi sudah final — hanya baca',
  'history.finalDetail': '{name} ({code}), {time}: sesi sudah ditutup. Catatannya tidak dapat diubah lagi.',
  'history.fromHistory': 'Anda melihat sesi dari riwayat ruang: {name} ({code}), {state}, {time}.',
  'history.toCurrent': 'Ke sesi saat ini',
  'history.missing': 'Sesi yang diminta tidak ada di ruang ini.',
  'history.noCurrent': 'Tidak ada sesi yang sedang berjalan di ruang ini.',
  'history.last': 'Sesi terakhir: {name} ({code}), {state}, {time}.',
  'history.openLast': 'Buka catatan sesi ini',
  'history.seeAll': 'Lihat riwayat sesi ({n})'
} as const;
