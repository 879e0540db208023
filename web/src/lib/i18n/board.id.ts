/**
 * The coordinator board (/board): every venue of the koordinator's scope on one screen, ranked by
 * what needs attention first (Perban BKN 4/2024 Pasal 16; SE BKN 6/2026 §5.i.5).
 */
export const boardId = {
  'board.nav': 'Papan',
  'board.title': 'Papan koordinator',
  'board.basis': 'Perban BKN 4/2024 Pasal 16',
  'board.intro': 'Semua lokasi dalam cakupan Anda, langsung, diurutkan dari yang paling perlu ditangani.',
  'board.loading': 'Memuat papan…',
  'board.error': 'Papan tidak dapat dimuat: {message}',
  'board.retry': 'Coba lagi',
  'board.empty': 'Tidak ada lokasi dalam cakupan Anda.',
  'board.noMatch': 'Tidak ada lokasi yang cocok dengan filter ini.',
  'board.updated': 'Diperbarui {time}',
  'board.venueCount': '{shown} dari {total} lokasi',

  'board.levelsLabel': 'Lokasi menurut tingkat perhatian (klik untuk menyaring)',
  'board.statesLabel': 'Sesi hari ini menurut status (klik untuk menyaring)',
  'board.level.critical': 'Kritis',
  'board.level.warning': 'Perlu perhatian',
  'board.level.ok': 'Normal',
  'board.state.late_finalisation': 'Finalisasi terlambat',

  'board.filter.label': 'Filter papan',
  'board.filter.region': 'Kantor regional',
  'board.filter.agency': 'Instansi',
  'board.filter.kind': 'Jenis lokasi',
  'board.filter.state': 'Status sesi',
  'board.filter.all': 'Semua',
  'board.filter.hideHealthy': 'Sembunyikan lokasi normal',
  'board.filter.clear': 'Hapus filter',

  'board.score': 'skor {score}',
  'board.points': '+{points}',
  'board.noProblem': 'Tidak ada yang perlu ditangani',
  'board.new': 'Baru bermasalah',
  'board.newTitle': 'Tingkat perhatian lokasi ini memburuk dalam satu menit terakhir',
  'board.part.missing_stations': '{n} PC tidak terhubung saat tes berjalan',
  'board.part.late_finalisation': '{n} sesi terlambat difinalisasi',
  'board.part.open_incidents': '{n} kejadian belum ditutup',
  'board.part.postponements': '{n} sesi ditunda',
  'board.part.lampiran2_failures': '{n} PC tidak memenuhi Lampiran II',
  'board.part.latency_breaches': '{n} PC lambat: latensi di atas 300 ms berturut-turut',

  'board.sessions': 'Sesi hari ini',
  'board.noSessions': 'Tidak ada sesi hari ini',
  'board.sessionLate': 'terlambat difinalisasi',
  'board.openRoom': 'Buka ruang {room}: {session}',
  'board.stations': 'PC',
  'board.stationsLine': '{online} daring · {degraded} lambat · {offline} luring · dari {total}',
  'board.participants': 'Peserta',
  'board.participantsLine': '{roster} terdaftar · {present} hadir · {working} mengerjakan · {finished} selesai',
  'board.openIncidents': 'Kejadian terbuka: {n}',
  'board.postponed': 'Ditunda: {n}',
  'board.checklistPending': 'Daftar periksa belum selesai: {n}',
  'board.lateFinalisation': 'Finalisasi terlambat: {n}',

  'board.tone': 'Bunyi saat lokasi kritis bertambah',
  'board.mute': 'Bisukan',
  'board.unmute': 'Bunyikan lagi'
} as const;
