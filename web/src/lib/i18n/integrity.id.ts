/**
 * Bahasa Indonesia strings of the integrity rules: who sits the test must match who the
 * desk let in (Perban BKN 4/2024 Pasal 14(1)e, g, j, 14(2)a–b), absences, what a session step
 * requires, others still in the room. integrity.en.ts must have the same keys.
 */
export const integrityId = {
  // tile flags
  'integrity.tile.unregistered': 'Login tanpa registrasi',
  'integrity.tile.unregisteredLong': 'Login di PC ini tetapi belum diregistrasi hadir di meja registrasi',
  'integrity.tile.wrongPc': 'Bukan PC-nya · kursi {code}',
  'integrity.tile.wrongPcTaken': 'Login di kursi peserta lain',
  'integrity.tile.seatedHere': 'Login di {code}',
  'integrity.tile.seatedHereLong': 'Peserta yang ditempatkan di PC ini login di {code}',

  // the station panel
  'integrity.panel.title': 'Tidak sesuai catatan meja registrasi',
  'integrity.panel.unregistered': '{name} login di PC ini tetapi belum diregistrasi hadir (Pasal 14 ayat (2) huruf a–b).',
  'integrity.panel.unregisteredHint': 'Periksa kartu identitas, kartu asesi dan wajahnya, lalu registrasi di meja registrasi.',
  'integrity.panel.toDesk': 'Buka meja registrasi',
  'integrity.panel.wrongPc': '{name} login di PC ini, padahal meja registrasi menempatkannya di {code}.',
  'integrity.panel.wrongPcTaken': '{name} login di PC ini, yang merupakan kursi peserta lain.',
  'integrity.panel.seatedHere': '{name} ditempatkan di PC ini, tetapi login di {code}.',
  'integrity.panel.moveHere': 'Pindahkan kursinya ke {code}…',
  'integrity.panel.sendBack': 'Kembalikan ke {code}',
  'integrity.panel.sendAway': 'Minta meninggalkan PC ini',
  'integrity.panel.reason': 'Alasan pemindahan (masuk riwayat dan berita acara)',
  'integrity.panel.moveConfirm': 'Pindahkan kursi',
  'integrity.panel.sentBack': 'Dicatat: {name} diminta kembali ke PC-nya.',
  'integrity.panel.moved': 'Kursi {name} dipindah ke {code}.',

  // the venue's rule for unregistered logins
  'integrity.policy.label': 'Login peserta yang belum registrasi',
  'integrity.policy.refuse': 'Ditolak saat memasukkan PIN (bawaan)',
  'integrity.policy.flag': 'Diizinkan, ditandai di PC sampai diregistrasi',
  'integrity.policy.hint': 'Berlaku untuk semua ruang di {venue}.',
  'integrity.policy.saved': 'Aturan disimpan.',

  // the projector, while the PIN is shown before "Mulai tes"
  'integrity.projector.notStarted': 'Tes belum dimulai: PIN dapat dipakai setelah pengawas memulai tes.',

  // session counts
  'integrity.count.unregistered': 'login tanpa registrasi',
  'integrity.count.wrongPc': 'login di PC lain',

  // the desk's list
  'integrity.desk.loggedInAt': 'login di {code}',
  'integrity.desk.unregistered': 'Login tanpa registrasi',
  'integrity.desk.wrongPc': 'Login di PC lain',

  // marking absent (Lampiran I.A 1.a: nobody is absent before the cut-off)
  'integrity.absent.ask': 'Tandai {name} tidak hadir?',
  'integrity.absent.askText': 'Peserta yang datang kemudian tetap dapat diregistrasi (tercatat terlambat).',
  'integrity.absent.yes': 'Ya, tandai tidak hadir',
  'integrity.absent.no': 'Batal',
  'integrity.absent.notYet': 'Tidak hadir baru dapat dicatat setelah batas registrasi pukul {time}.',
  'integrity.absent.loggedIn': 'Sudah login di {code}: peserta ini hadir.',

  // what a step requires and does (from the server: GET …/transition-preview)
  'integrity.preview.loading': 'Memeriksa syarat langkah ini…',
  'integrity.preview.error': 'Syarat langkah ini tidak dapat diperiksa: {message}',
  'integrity.start.ready': 'Siap dimulai: {present} hadir dan {absent} tidak hadir dari {total} peserta.',
  'integrity.start.markAbsent': 'Tandai {n} peserta yang belum registrasi dan belum login tidak hadir, lalu mulai tes',
  'integrity.start.loggedIn': '{n} peserta belum registrasi tetapi sudah login di PC: mereka tidak akan ditandai tidak hadir. Registrasi mereka di meja registrasi.',
  'integrity.start.pin': 'PIN sesi aktif. Peserta baru dapat login dengan PIN setelah tes dimulai.',
  'integrity.finish.ends': 'Tes {n} peserta yang masih mengerjakan akan diakhiri dengan alasan ini.',
  'integrity.visitors.inside': 'Masih tercatat di dalam ruang ({n}):',
  'integrity.visitors.startNote': 'Selama tes hanya peserta dan Tim Penyelenggara yang berada di ruang tes (Pasal 13 ayat (2)); pihak lain hanya dengan izin (Pasal 14 ayat (1) huruf k).',
  'integrity.visitors.finishNote': 'Catat waktu keluar mereka bila sudah meninggalkan ruang.',
  'integrity.visitors.finaliseNote': 'Catat waktu keluar mereka sebelum sesi ditutup: berita acara tidak boleh menyebut orang masih di dalam ruang.',
  'integrity.visitors.since': 'masuk {time}',
  'integrity.visitors.out': 'Catat keluar sekarang',
  'integrity.visitors.outFor': 'Catat {name} keluar sekarang'
} as const;
