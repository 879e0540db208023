/**
 * Refusals and field issues in Bahasa Indonesia: the source of truth of the catalog. Each entry is
 * a sentence, or a function of the parameters it needs (typed here; errors.en.ts must take exactly
 * the same). The server sends the code and the parameters, with this text as `pesan`; the web
 * shows it by code in the proctor's language. Regulation references: Perban BKN 4/2024.
 */
import type { ErrorCode } from '../error-codes.ts';
import type { NipProblem } from '../nip.ts';
import { actionsFrom, type ParticipantActionKind, type SessionAction, type SessionStateName } from '../session.ts';
import { listOr, type TargetKind, type WorkName } from './params.ts';
import { sessionActionsId, sessionStatesId } from './session-states.id.ts';

/** "Kamis 24 Desember 2026": a YYYY-MM-DD date with its weekday, as a refused date is explained. */
const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
export function tanggal(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return `${HARI[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${BULAN[m - 1]} ${y}`;
}

/** What each error code means when nothing more specific is said. */
export const errorCodesId = {
  INVALID_PAYLOAD: 'Data yang dikirim tidak valid.',
  UNSUPPORTED_VERSION: 'Versi protokol tidak didukung.',
  UNKNOWN_EVENT: 'Permintaan tidak dikenal.',
  NOT_FOUND: 'Data tidak ditemukan.',
  NOT_READY: 'Belum siap: PC belum tersambung atau belum mengirim salam (hello).',
  SEQ_GAP: 'Urutan data terputus; kirim ulang dari nomor yang diminta.',
  RATE_LIMITED: 'Terlalu banyak permintaan; coba lagi sebentar lagi.',
  INTERNAL: 'Server tidak dapat memproses permintaan ini; tidak ada yang disimpan.',
  UNAUTHORIZED: 'Silakan masuk terlebih dahulu.',
  FORBIDDEN: 'Anda tidak berwenang untuk ini.',
  BAD_CREDENTIALS: 'NIP atau kata sandi salah.',
  LOCKED: 'Akun dikunci sementara karena terlalu banyak percobaan gagal.',
  CSRF: 'Permintaan ditolak: muat ulang halaman lalu coba lagi.',
  CONFLICT: 'Bertentangan dengan data yang sudah ada.',
  GONE: 'Kode sudah dipakai, kedaluwarsa, atau dicabut.',
  PAYLOAD_TOO_LARGE: 'Data terlalu besar.',
  INVALID_STATE: 'Tidak dapat dilakukan pada tahap sesi ini.',
  QUOTA_EXCEEDED: 'Batas data dari PC ini terlampaui; data ditolak dan pengawas diberi tahu.',
  UNKNOWN_PROBE: 'Hasil uji bandwidth tanpa permintaan dari server; diabaikan.'
} as const satisfies Record<ErrorCode, string>;

/** "Pengisian daftar periksa hanya dapat dilakukan …" */
export const workNamesId = {
  checklist: 'Pengisian daftar periksa',
  actions: 'Tindakan peserta',
  pin: 'Penerbitan PIN sesi',
  record: 'Pencatatan pada sesi',
  import: 'Impor peserta',
  desk: 'Registrasi',
  absent: 'Penandaan tidak hadir',
  seat: 'Penempatan PC',
  sendBack: 'Pengembalian peserta ke PC-nya'
} as const satisfies Record<WorkName, string>;

const targetId = (kind: TargetKind, id: number) => (kind === 'room' ? `Ruang ${id}` : `PC ${id}`);
const state = (s: SessionStateName) => sessionStatesId[s];
/** "Budi: tes …" for one participant of a list, "Tes …" alone */
const lead = (name: string | undefined, text: string) => (name ? `${name}: ${text}` : text[0].toUpperCase() + text.slice(1));
/** "tidak ada yang dapat {…}" */
const ACTION_ID: Record<ParticipantActionKind, string> = { pause: 'dijeda', resume: 'dilanjutkan', add_time: 'ditambah waktunya', end: 'diakhiri' };

/** What is wrong with a NIP (protocol/nip.ts), a fragment of a sentence. */
const NIP_ID: Record<NipProblem, string> = {
  format: 'NIP harus 18 digit angka',
  birth_date: '8 digit pertama NIP bukan tanggal lahir yang benar',
  appointment: 'digit 9–14 NIP bukan tahun dan bulan pengangkatan CPNS yang masuk akal',
  sex: 'digit ke-15 NIP harus 1 atau 2'
};

/** The three identity checks at the desk (Pasal 14(2)b). */
export type IdentityCheck = 'idCard' | 'participantCard' | 'faceMatch';
const CHECK_ID: Record<IdentityCheck, string> = { idCard: 'kartu identitas', participantCard: 'kartu asesi', faceMatch: 'wajah' };

export const errorsId = {
  ...errorCodesId,

  // ------------------------------------------------------------ requests and the edge
  'payload.notJson': 'Isi permintaan bukan JSON yang valid.',
  'payload.badUrl': 'Alamat tidak valid.',
  'payload.invalid': (p: { event: string }) => `Data ${p.event} tidak valid.`,
  'payload.notPlain': (p: { reason: string }) => `Tidak diterima: ${p.reason}.`,
  'version.unsupported': (p: { version: string; supported: readonly number[] }) =>
    `Versi protokol ${p.version} tidak didukung; gunakan ${p.supported.join(', ')}.`,
  'event.unknown': (p: { name: string }) => `Permintaan "${p.name}" tidak dikenal.`,
  'api.noRoute': 'Rute API tidak ada.',
  'probe.bytesRange': (p: { min: number; max: number }) => `Ukuran uji harus ${p.min}..${p.max} bita.`,

  // ------------------------------------------------------------ accounts and access
  'auth.sessionEnded': 'Sesi Anda telah berakhir; silakan masuk kembali.',
  'auth.currentPasswordWrong': 'Kata sandi saat ini salah.',
  'auth.stationTokenRequired': 'Token PC ujian diperlukan.',
  'password.containsNip': 'Kata sandi tidak boleh memuat NIP.',
  'password.repeated': 'Kata sandi tidak boleh berupa satu karakter berulang.',
  'user.nipExists': (p: { nip: string }) => `Pengguna dengan NIP ${p.nip} sudah ada.`,
  'user.selfLockout': 'Anda tidak dapat menonaktifkan diri sendiri atau mencabut peran admin Anda sendiri.',
  'venue.unknown': (p: { id: number }) => `Lokasi ${p.id} tidak dikenal.`,
  'venue.notFound': 'Tempat penyelenggaraan tidak ditemukan.',
  'role.mayNot': (p: { capability: string }) => `Peran Anda tidak berwenang untuk ${p.capability}.`,
  'target.notFound': (p: { kind: TargetKind; id: number }) => `${targetId(p.kind, p.id)} tidak ada.`,
  'target.outsideScope': (p: { kind: TargetKind; id: number }) => `${targetId(p.kind, p.id)} di luar cakupan tugas Anda.`,

  // ------------------------------------------------------------ stations and rooms
  'station.helloFirst': 'Kirim station:hello terlebih dahulu.',
  'station.streamUnknown': 'Aliran data ini tidak diumumkan dalam station:hello pada sambungan ini.',
  'station.seqGap': (p: { expected: number }) => `Urutan data terputus: kirim ulang mulai nomor ${p.expected}.`,
  'station.quotaParticipant': (p: { max: number }) => `Lebih dari ${p.max} data untuk satu peserta dalam sesi ini.`,
  'station.quotaMinute': (p: { max: number }) => `Lebih dari ${p.max} data per menit dari PC ini.`,
  'station.notFound': (p: { id: number }) => `PC ${p.id} tidak ada.`,
  'station.offline': (p: { code: string }) => `PC ${p.code} sedang terputus.`,
  'station.probedRecently': (p: { code: string }) => `Bandwidth PC ${p.code} baru saja diuji.`,
  'station.notInRoom': (p: { id: number }) => `PC ${p.id} tidak ada di ruang ini.`,
  'station.foreign': 'Ada PC yang bukan milik ruang ini.',
  'room.notFound': (p: { id: number }) => `Ruang ${p.id} tidak ada.`,
  'probe.unknown': (p: { id: string }) => `Uji ${p.id} tidak diminta dari PC ini, atau sudah kedaluwarsa.`,
  'command.unknown': (p: { id: number }) => `Tidak ada perintah ${p.id} untuk PC ini.`,
  'enrollment.unknownCode': 'Kode pendaftaran tidak dikenal.',

  // ------------------------------------------------------------ session lifecycle (Pasal 11–14)
  'session.notFound': 'Sesi tidak ditemukan.',
  'session.notInRoom': 'Sesi tidak ditemukan di ruang ini.',
  'session.notCurrent': 'Sesi ini bukan sesi yang sedang dijalankan di ruang ini.',
  'session.wrongStage': (p: { work: WorkName; states: readonly SessionStateName[]; state: SessionStateName }) =>
    `${workNamesId[p.work]} hanya dapat dilakukan pada tahap sesi ${listOr(p.states.map(state), 'atau')}; sesi sekarang: ${state(p.state)}.`,
  'session.wrongState': (p: { state: SessionStateName; action: SessionAction }) => {
    const allowed = actionsFrom(p.state);
    const next = allowed.length ? ` Dari tahap ini dapat: ${allowed.map((a) => sessionActionsId[a].imperative).join(', ')}.` : ' Tidak ada lagi yang dapat dilakukan.';
    return `Sesi berstatus ${state(p.state)} tidak dapat ${sessionActionsId[p.action].passive}.${next}`;
  },
  'session.otherActive': (p: { code: string; state: SessionStateName; action: SessionAction }) =>
    `Sesi ${p.code} di ruang ini berstatus ${state(p.state)}: finalisasi atau tunda sesi itu sebelum sesi ini ${sessionActionsId[p.action].passive}.`,
  'session.checklistUnfit':
    'Daftar periksa (Lampiran I.B) menyimpulkan ruang tidak layak, sehingga registrasi tidak dapat dibuka. Tunda sesi (Pasal 12(2)e).',
  'session.checklistIncomplete':
    'Daftar periksa (Lampiran I.B) belum selesai diisi. Lengkapi dengan kesimpulan layak sebelum membuka registrasi (Pasal 12(2)c).',
  'session.noPin': 'Belum ada PIN sesi yang aktif. Terbitkan PIN sebelum memulai tes (Pasal 14(1)i).',
  'session.noParticipants':
    'Sesi ini belum memiliki peserta. Impor daftar peserta dan registrasi kehadiran di meja registrasi sebelum memulai tes (Pasal 14(2)).',
  'session.nobodyPresent': 'Belum ada peserta yang diregistrasi hadir. Registrasi minimal satu peserta sebelum memulai tes (Pasal 14(2)).',
  'session.unaccounted': (p: { n: number }) =>
    `${p.n} peserta dalam daftar belum diregistrasi hadir atau tidak hadir. Registrasi mereka, atau mulai dengan "tandai tidak hadir" agar dicatat tidak hadir.`,
  'session.finishWorking': (p: { n: number }) => `${p.n} peserta masih mengerjakan tes. Isi alasan untuk menutup tes sebelum semua selesai.`,
  'session.finaliseWorking': (p: { n: number }) => `${p.n} peserta masih mengerjakan tes. Akhiri tes mereka sebelum finalisasi sesi (Pasal 14(1)l–m).`,
  'session.visitorsInside': (p: { names: readonly string[] }) =>
    `${p.names.length} orang lain masih tercatat di dalam ruang (${p.names.join(', ')}). Catat waktu keluar mereka sebelum sesi ditutup (Pasal 13(2), 14(1)k).`,
  'session.postponeReason': 'Penundaan harus disertai alasan; alasan dicatat dalam berita acara penundaan (Pasal 12(2)e–f).',

  // ------------------------------------------------------------ postponement (Pasal 12(2)e–f, 12(3), Lampiran III)
  'session.postponeAfterTest': 'Sesi yang sudah diikuti peserta tidak dapat ditunda setelah ditutup: berikan alasan bagi yang tidak menyelesaikan seluruh rangkaian, lalu finalisasi.',
  'finalise.useForm': 'Finalisasi membuat Daftar Hadir, Daftar Asesi yang Mengikuti Seluruh Rangkaian, dan Berita Acara Penyelenggaraan (Pasal 14(1)l–m): gunakan formulir Finalisasi (POST /api/sessions/:id/finalise).',
  'finalise.inProgress': 'Sesi ini sedang difinalisasi; tunggu sebentar.',
  'finalise.activityChanged': 'Kegiatan ini mendapat sesi baru selama finalisasi berlangsung, sehingga berita acara serah terima belum dapat dibuat; tidak ada yang disimpan. Finalisasi sekali lagi.',
  'postponement.useForm': 'Penundaan dicatat dengan Berita Acara Penundaan (Pasal 12(2)f): gunakan formulir Tunda sesi (POST /api/sessions/:id/postpone).',
  'postponement.useResume': 'Sesi yang ditunda dilanjutkan dengan tanggal dan jam baru setelah tindak lanjut selesai dan daftar periksa baru menyatakan layak (Pasal 12(3)): gunakan Lanjutkan sesi (POST /api/sessions/:id/resume).',
  'postponement.incomplete': (p: { n: number }) => `Berita acara penundaan belum lengkap: ${p.n} isian perlu diperbaiki (Lampiran III).`,
  'postponement.followUpRequired': 'Tuliskan sedikitnya satu kegiatan yang harus dilakukan sebelum tes dilanjutkan (Lampiran III).',
  'postponement.notFound': 'Penundaan tidak ditemukan.',
  'postponement.followUpNotFound': 'Tindak lanjut tidak ditemukan pada penundaan ini.',
  'postponement.alreadyResumed': 'Penundaan ini sudah dilanjutkan; tindak lanjutnya tidak diubah lagi.',
  'postponement.followUpsOpen': (p: { n: number }) => `Masih ${p.n} tindak lanjut yang belum ditandai selesai; sesi dilanjutkan setelah semuanya dilakukan (Pasal 12(3)).`,
  'postponement.checklistNeeded': 'Isi dan selesaikan daftar periksa baru setelah penundaan dengan kesimpulan layak sebelum sesi dilanjutkan (Pasal 12(2)c, 12(3)).',
  'postponement.inProgress': 'Penundaan sesi ini sedang diproses; tunggu sebentar lalu muat ulang.',
  'session.finalised':
    'Sesi ini sudah difinalisasi: catatannya tidak dapat diubah. Koreksi dibuat sebagai dokumen baru oleh koordinator.',
  'session.nobodyStarted':
    'Tidak seorang pun peserta memulai tes di sesi ini, sehingga tidak ada pelaksanaan yang dapat difinalisasi. Tunda atau batalkan sesi ini (Pasal 12(2)e–f).',
  'session.completionMissing': (p: { names: readonly string[]; more: number }) =>
    `${p.names.length + p.more} peserta tidak menyelesaikan seluruh rangkaian dan belum diberi alasan: ${p.names.join(', ')}${p.more > 0 ? `, dan ${p.more} lainnya` : ''}. Catat alasannya sebelum finalisasi (Pasal 14(1)l–m; SE BKN 6/2026 §5.g.2).`,

  // ------------------------------------------------------------ completion (SE BKN 6/2026 §5.g.2)
  'completion.onlyFinished': 'Alasan tidak menyelesaikan tes dicatat setelah tes ditutup (sesi selesai) dan sebelum finalisasi.',
  'completion.completed': 'Peserta ini sudah menyelesaikan seluruh rangkaian; tidak perlu alasan.',
  'completion.noteRequired': 'Alasan "lainnya" harus disertai keterangan.',
  'completion.noteTooLong': (p: { max: number }) => `Keterangan paling banyak ${p.max} karakter.`,

  // ------------------------------------------------------------ checklist, PIN, incidents, visitors
  'checklist.conflict': (p: { version: number }) => `Daftar periksa sudah disimpan orang lain (versi ${p.version}); muat ulang.`,
  'checklist.incomplete': (p: { n: number }) => `Daftar periksa belum lengkap: ${p.n} isian kurang.`,
  'pin.noneActive': 'Tidak ada PIN aktif untuk dicabut.',
  'pin.tooFast': 'Satu pemeriksaan PIN per detik per PC; coba lagi sebentar lagi.',
  'incident.notFound': 'Kejadian tidak ditemukan.',
  'incident.conflict': (p: { version: number }) => `Kejadian ini sudah diubah orang lain (versi ${p.version}); muat ulang.`,
  'visitor.notFound': 'Tamu tidak tercatat di sesi ini.',
  'visitor.alreadyLeft': 'Tamu ini sudah tercatat keluar.',
  'visitor.outBeforeIn': 'Waktu keluar sebelum waktu masuk.',
  'visitor.outInFuture': 'Waktu keluar di masa depan.',

  // ------------------------------------------------------------ activities and their sessions (Pasal 8–9, SE BKN 6/2026 angka 5)
  'activity.notFound': 'Kegiatan tidak ditemukan.',
  'activity.purposeUnknown': (p: { purpose: string }) =>
    `Tujuan kegiatan "${p.purpose}" tidak dikenal; pilih pengisian jabatan, pemetaan pegawai dalam jabatan, atau ProASN (Pasal 8 ayat (2)).`,
  'activity.venueKindUnknown': (p: { kind: string }) => `Jenis tempat "${p.kind}" tidak dikenal (SE BKN 6/2026 angka 5 huruf b).`,
  'activity.timeZoneUnknown': (p: { zone: string }) => `Zona waktu "${p.zone}" tidak dikenal; pilih WIB, WITA, atau WIT.`,
  'activity.dateInvalid': (p: { date: string }) => `"${p.date}" bukan tanggal (TTTT-BB-HH).`,
  'activity.timeInvalid': (p: { time: string }) => `"${p.time}" bukan jam (JJ:MM).`,
  'activity.datesOrder': (p: { from: string; to: string }) => `Tanggal selesai ${tanggal(p.to)} sebelum tanggal mulai ${tanggal(p.from)}.`,
  'activity.proasnWindow': (p: { from: string; to: string; windowFrom: string; windowTo: string }) =>
    `Kegiatan ProASN hanya dapat berlangsung ${tanggal(p.windowFrom)} sampai ${tanggal(p.windowTo)} (SE BKN 6/2026 angka 5 huruf e.1); ${tanggal(p.from)} sampai ${tanggal(p.to)} di luar rentang itu.`,
  'activity.leadTimeShort': (p: { date: string; today: string; workingDays: number; min: number; earliest: string; article: string }) =>
    `${tanggal(p.date)} hanya ${p.workingDays} hari kerja setelah hari ini (${tanggal(p.today)}); minimal ${p.min} hari kerja (${p.article}). Paling cepat ${tanggal(p.earliest)}.`,
  'activity.overrideRole': 'Hanya koordinator yang dapat menjadwalkan di dalam batas waktu minimal, dengan alasan yang dicatat.',
  'activity.overrideReason': (p: { min: number }) => `Alasan pengecualian batas waktu minimal ${p.min} karakter; alasan dicatat dalam jejak audit.`,
  'activity.sessionOutsideDates': (p: { date: string; from: string; to: string }) =>
    `Tanggal sesi ${tanggal(p.date)} di luar tanggal kegiatan (${tanggal(p.from)} sampai ${tanggal(p.to)}).`,
  'activity.proasnDuration': (p: { minutes: number; required: number }) =>
    `Sesi ProASN berlangsung ${p.required} menit (SE BKN 6/2026 angka 5 huruf f.4), bukan ${p.minutes} menit.`,
  'activity.sessionStarted': (p: { state: SessionStateName }) =>
    `Sesi yang sudah dimulai tidak dapat dipindahkan atau dibatalkan (status: ${state(p.state)}).`,
  'activity.capacityOver': (p: { capacity: number; pcs: number; spares: number }) =>
    `Kapasitas ${p.capacity} peserta melebihi ${p.pcs} PC ujian yang terdaftar di ruang ini (ditambah ${p.spares} PC cadangan).`,
  'activity.roomOtherVenue': 'Ruang ini tidak berada di tempat penyelenggaraan kegiatan.',
  'activity.userUnknown': (p: { id: number }) => `Pengguna ${p.id} tidak ada atau tidak aktif.`,
  'activity.sessionNotInActivity': 'Sesi ini bukan bagian dari kegiatan tersebut.',
  'activity.cancelled': 'Sesi ini sudah dibatalkan.',
  'calendar.dayOffExists': (p: { date: string; name: string }) => `${tanggal(p.date)} sudah tercatat sebagai hari libur ("${p.name}") untuk tempat ini.`,
  'activity.noSessions': 'Kegiatan ini belum memiliki sesi: rencanakan sesinya dahulu, lalu impor pesertanya.',
  'activity.seatsShort': (p: { unplaced: number; free: number }) =>
    `Kursi tidak cukup: ${p.unplaced} peserta baru tidak mendapat tempat; sesi yang masih menerima pendaftaran hanya memiliki ${p.free} kursi kosong. Tambah sesi atau kapasitasnya, lalu impor lagi; tidak ada yang disimpan.`,
  'schedule.rangeTooLong': (p: { from: string; to: string; days: number; max: number }) =>
    `Jadwal ${tanggal(p.from)} sampai ${tanggal(p.to)} mencakup ${p.days} hari; paling banyak ${p.max} hari sekaligus.`,

  // ------------------------------------------------------------ pemantauan dan evaluasi (Pasal 16 ayat (4)–(5))
  'evaluation.rangeTooLong': (p: { from: string; to: string; days: number; max: number }) =>
    `Periode ${tanggal(p.from)} sampai ${tanggal(p.to)} mencakup ${p.days} hari; satu laporan paling banyak ${p.max} hari.`,
  'evaluation.outOfScope': 'Tempat, wilayah, atau instansi itu di luar lingkup Anda: laporan hanya mencakup tempat yang Anda awasi.',
  'evaluation.recommendationsShort': (p: { min: number }) => `Tuliskan dahulu rekomendasi tim (paling sedikit ${p.min} karakter).`,

  // ------------------------------------------------------------ official documents (Perban BKN 4/2024 Lampiran I–III)
  'document.notFound': 'Dokumen tidak ditemukan.',
  'document.correctionRole': 'Hanya koordinator yang dapat menerbitkan koreksi dokumen resmi.',
  'document.correctionReason': (p: { min: number }) => `Alasan koreksi minimal ${p.min} karakter; alasan dicatat pada dokumen baru dan dalam jejak audit.`,
  'document.alreadyCorrected': (p: { number: string; version: number }) =>
    `Dokumen ${p.number} versi ini sudah dikoreksi (versi ${p.version}); koreksi versi terbaru.`,
  'document.sendPdf': 'Kirim berkas PDF (application/pdf) sebagai isi permintaan.',
  'document.sendFile': 'Kirim berkas PDF (application/pdf) atau XLSX yang diterbitkan bersama dokumen sebagai isi permintaan.',
  'document.noXlsx': (p: { number: string }) => `Dokumen ${p.number} versi ini tidak diterbitkan dengan berkas XLSX; berkas XLSX hanya diterbitkan bersama laporan hasil pemantauan dan evaluasi (koreksi laporan hanya menerbitkan ulang PDF-nya).`,

  // ------------------------------------------------------------ roster, desk and seats (Pasal 14(2), Lampiran I.A)
  'import.sendFile': 'Kirim berkas CSV atau XLSX sebagai isi permintaan.',
  'import.notCsvOrXlsx': 'Kirim berkas CSV atau XLSX.',
  'import.busy': 'Impor lain sedang dibaca; coba lagi sebentar lagi.',
  'import.hasErrors': 'Berkas memuat kesalahan; tidak ada yang diimpor.',
  'participant.notFound': 'Peserta tidak ada di sesi ini.',
  'participant.notInSession': (p: { id: number }) => `Peserta ${p.id} tidak ada di sesi ini.`,
  'seat.taken': (p: { code: string; name: string }) => `${p.code} sudah ditempati ${p.name}.`,
  'seat.reasonNeeded': 'Peserta sudah mulai: isi alasan pemindahan.',
  'seat.notElsewhere': (p: { name: string }) => `${p.name} tidak tercatat login di PC selain PC-nya di sana.`,
  'seat.needsControl': 'Penempatan PC hanya oleh Tim Penyelenggara; registrasikan tanpa PC.',
  'checkin.identityIncomplete': (p: { failed: readonly IdentityCheck[] }) =>
    `Pemeriksaan identitas belum lengkap (${p.failed.map((c) => CHECK_ID[c]).join(', ')}): peserta masuk hanya bila kartu identitas, kartu asesi dan wajah cocok (Pasal 14(2)b).`,
  'checkin.started': 'Peserta sudah mulai: pindahkan dengan alasan (menu pindah PC), bukan dengan registrasi ulang.',
  'checkin.arrivalInFuture': 'Waktu kedatangan di masa depan.',
  'absent.loggedIn': 'Peserta ini sudah login di PC: ia hadir, tidak dapat ditandai tidak hadir.',
  'absent.beforeCutoff':
    'Registrasi tepat waktu dibuka sampai 60 menit sebelum tes (Lampiran I.A 1.a): peserta belum dapat ditandai tidak hadir sebelum batas itu.',

  // ------------------------------------------------------------ participant actions
  'action.ended': (p: { name?: string }) => lead(p.name, 'tes peserta ini sudah diakhiri.'),
  'action.sessionOver': (p: { state: SessionStateName; name?: string }) =>
    lead(p.name, `sesi berstatus ${state(p.state)}: tidak ada tindakan peserta lagi.`),
  'action.notWorking': (p: { state: SessionStateName; kind: ParticipantActionKind; name?: string }) =>
    lead(p.name, `tes tidak sedang berjalan (sesi berstatus ${state(p.state)}) dan peserta ini tidak sedang mengerjakan tes (belum login atau sudah selesai): tidak ada yang dapat ${ACTION_ID[p.kind]}.`),
  'action.noPc': (p: { name: string }) => `${p.name} tidak memiliki PC di ruang ini.`,
  'action.someRefused': (p: { n: number }) => `${p.n} peserta tidak dapat dikenai tindakan ini.`,
  'action.addTimeNeeds': 'Tambah waktu memerlukan jumlah menit dan alasan.',
  'action.endNeedsReason': 'Mengakhiri tes lebih awal memerlukan alasan.',

  // ------------------------------------------------------------ field issues
  'issue.required': 'Wajib diisi.',
  'issue.invalid': 'Tidak valid.',
  'issue.unknownField': 'Isian tidak dikenal.',
  'issue.tooShort': (p: { min: number }) => `Minimal ${p.min} karakter.`,
  'issue.tooLong': (p: { max: number }) => `Paling banyak ${p.max} karakter.`,
  'issue.tooFew': (p: { min: number }) => `Pilih minimal ${p.min}.`,
  'issue.tooMany': (p: { max: number }) => `Paling banyak ${p.max}.`,
  'issue.min': (p: { min: number }) => `Minimal ${p.min}.`,
  'issue.max': (p: { max: number }) => `Paling banyak ${p.max}.`,
  'issue.above': (p: { min: number }) => `Harus lebih dari ${p.min}.`,
  'issue.below': (p: { max: number }) => `Harus kurang dari ${p.max}.`,
  'issue.mustBeChecked': 'Harus dicentang.',
  'issue.notInSession': 'Tidak ada di sesi ini.',
  'issue.notInRoom': 'Tidak ada di ruang ini.',
  'issue.inFuture': 'Di masa depan.',
  'issue.started': 'Peserta sudah mulai.',
  'issue.seatCode': 'Hanya huruf, angka dan tanda -.',
  'issue.calendarDate': 'Bukan tanggal yang benar (TTTT-BB-HH).',
  'issue.nothingToChange': 'Tidak ada yang diubah: isi paling sedikit satu isian.',
  'nip.format': NIP_ID.format,
  'nip.birth_date': NIP_ID.birth_date,
  'nip.appointment': NIP_ID.appointment,
  'nip.sex': NIP_ID.sex,

  // ------------------------------------------------------------ the participant import's file errors, by row and column
  'import.empty': 'Berkas kosong',
  'import.noRows': 'Berkas hanya berisi judul kolom, tanpa baris peserta',
  'import.tooManyRows': (p: { n: number; max: number }) => `Berkas berisi ${p.n} baris; paling banyak ${p.max} baris sekali impor`,
  'import.unknownColumn': (p: { title: string; columns: readonly string[] }) => `Kolom "${p.title}" tidak dikenal; gunakan kolom sesuai templat: ${p.columns.join(', ')}`,
  'import.columnTwice': (p: { column: string }) => `Kolom ${p.column} muncul dua kali`,
  'import.columnMissing': (p: { column: string }) => `Kolom ${p.column} tidak ada`,
  'import.untitledCell': (p: { cell: number }) => `Sel ke-${p.cell} berisi data tetapi kolomnya tidak berjudul`,
  'import.cellTooLong': (p: { column: string; max: number }) => `${p.column} lebih dari ${p.max} karakter`,
  'import.cellEmpty': (p: { column: string }) => `${p.column} kosong`,
  'import.nipAsNumber': (p: { nip: string }) =>
    `NIP "${p.nip}": NIP tersimpan sebagai angka sehingga Excel menghilangkan digit terakhirnya; ubah format kolom NIP menjadi Teks lalu ketik ulang NIP`,
  'import.nipProblem': (p: { nip: string; problem: NipProblem }) => `NIP "${p.nip}": ${NIP_ID[p.problem]}`,
  'import.nipTwice': (p: { nip: string; first: number; row: number }) => `NIP ${p.nip} muncul di baris ${p.first} dan ${p.row}`,
  'import.nomorTwice': (p: { nomor: string; first: number; row: number }) => `Nomor peserta ${p.nomor} muncul di baris ${p.first} dan ${p.row}`,
  'import.notCsv': 'Berkas bukan berkas teks CSV',
  'import.csvUnreadable': (p: { why: string }) => `Berkas CSV tidak dapat dibaca: ${p.why}`,
  'import.xlsxTooBig': 'Isi buku kerja jauh lebih besar dari daftar peserta: simpan daftar saja sebagai berkas baru',
  'import.notXlsx': 'Berkas bukan buku kerja XLSX yang dapat dibaca',
  'import.noWorksheet': 'Buku kerja tidak memiliki lembar kerja',
  'import.otherAgency': (p: { agency?: string }) => `Anda hanya dapat mengimpor peserta ${p.agency ?? 'instansi Anda'}`,
  'import.nipOtherAgency': 'NIP ini sudah terdaftar di sesi ini oleh instansi lain',
  'import.nomorUsed': (p: { nomor: string }) => `nomor peserta ${p.nomor} sudah dipakai peserta lain di sesi ini`,
  'import.nipInOtherSession': (p: { nip: string; session: string }) => `NIP ${p.nip} sudah terdaftar di sesi ${p.session} dari kegiatan yang sama; seorang peserta hanya satu sesi`,
  'import.nomorUsedInActivity': (p: { nomor: string }) => `nomor peserta ${p.nomor} sudah dipakai peserta lain dalam kegiatan ini`
} as const;
