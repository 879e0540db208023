/**
 * Bahasa Indonesia strings of the exam-day screens (room list at a glance, tile health, the grid
 * when filtered, the desk's Lampiran II warning). en: room.en.ts, exactly these keys.
 */
export const roomId = {
  'link.ok': 'Latensi dalam batas {max} ms',
  'link.spike': 'Lonjakan sesaat di atas batas {max} ms. Stasiun baru dianggap lambat bila {n} heartbeat berturut-turut di atas batas.',
  'link.over': 'Latensi di atas batas {max} ms pada {n} heartbeat berturut-turut atau lebih: stasiun lambat.',
  'link.recovering': 'Latensi kembali dalam batas; stasiun kembali daring setelah {n} heartbeat berturut-turut dalam batas {max} ms.',
  'link.spikeWord': 'sesaat',
  'link.legend': 'Angka kuning ↑ = lonjakan sesaat; “lambat” bila {n} heartbeat berturut-turut > {max} ms.',
  'spareIdle.badge': 'belum dipasang',
  'spareIdle.title': 'PC cadangan yang belum didaftarkan dan tidak dipakai: bukan gangguan, tidak dihitung terputus.',
  'count.idle': 'Cadangan kosong',
  'lamp2.prefix': 'Lamp. II:',
  'lamp2.title': 'PC ini tidak memenuhi Lampiran II (spesifikasi minimum komputer klien): {items}',
  'grid.filtered': 'Menampilkan {n} dari {total} stasiun',
  'grid.placedNote': 'Filter aktif: stasiun ditampilkan berurutan, bukan menurut denah.',
  'roomlist.noSession': 'Belum ada sesi',
  'roomlist.session': 'Sesi {code}',
  'roomlist.present': '{present}/{participants} hadir',
  'roomlist.loggedIn': '{n} sudah login',
  'roomlist.finished': '{n} selesai',
  'roomlist.online': '{n} daring',
  'roomlist.degraded': '{n} lambat',
  'roomlist.offline': '{n} terputus',
  'roomlist.idle': '{n} cadangan kosong',
  'roomlist.attention': '{n} perlu perhatian',
  'roomlist.complianceFail': '{n} PC tak sesuai Lampiran II',
  'roomlist.pending': '{n} tindakan belum dikonfirmasi PC',
  'roomlist.allWell': 'Semua stasiun baik',
  'roomlist.trouble': 'Ruang bermasalah',
  'roomlist.updated': 'Diperbarui otomatis · {time}',
  'roomlist.stale': 'Belum dapat diperbarui ({message}); angka dari {time}',
  'roomlist.stationsLabel': 'Stasiun ruang {name}',
  'desk.lamp2Option': 'tak sesuai Lampiran II',
  'desk.lamp2Warn': 'PC {code} tidak memenuhi Lampiran II ({items}). Sebaiknya dudukkan peserta di PC lain, misalnya PC cadangan, atau catat kejadiannya.'
} as const;
