/**
 * The public verification of an official document (/verify, /verify/<code>): open without
 * signing in, for whoever holds a printed or sent copy (Perban BKN 4/2024 Lampiran I–III).
 */
export const verifyId = {
  'verify.title': 'Verifikasi dokumen resmi',
  'verify.intro':
    'Masukkan kode verifikasi yang tercetak di kaki setiap halaman dokumen (10 huruf dan angka, misalnya ABCDE-FGHJK), atau pindai kode QR-nya. Huruf besar atau kecil, spasi, dan tanda hubung tidak berpengaruh.',
  'verify.code': 'Kode verifikasi',
  'verify.check': 'Periksa',
  'verify.checking': 'Memeriksa…',
  'verify.codeShape': 'Kode terdiri atas 10 huruf dan angka, tanpa 0, O, 1, I, L, U, dan V.',
  'verify.found': 'Dokumen asli: {title} Nomor {number}, versi {version}, diterbitkan {when} di {venue}.',
  'verify.session': 'Sesi: {code}.',
  /** a report over many venues (the monitoring and evaluation report): its team, scope and period in the venue's place */
  'verify.foundReport': 'Dokumen asli: {title} Nomor {number}, versi {version}, diterbitkan {when} oleh {venue}.',
  'verify.latest': 'Ini versi terbaru dokumen tersebut.',
  'verify.superseded':
    'Dokumen ini sudah dikoreksi: ada versi yang lebih baru dengan nomor yang sama. Versi ini tetap asli dan tercatat, tetapi yang berlaku adalah versi terbaru.',
  'verify.notFound': 'Kode tidak dikenal: {code}. Tidak ada dokumen yang diterbitkan dengan kode ini; periksa kembali penulisannya.',
  'verify.sha256': 'SHA-256 berkas PDF',
  'verify.contentHash': 'SHA-256 isi',
  'verify.upload.title': 'Bandingkan berkas PDF',
  'verify.upload.intro': 'Pilih berkas PDF dokumen ini untuk dibandingkan dengan berkas yang diterbitkan. Berkas Anda tidak disimpan.',
  'verify.upload.label': 'Berkas PDF (paling besar 10 MB)',
  'verify.upload.same': 'Berkas ini sama persis byte demi byte dengan dokumen yang diterbitkan.',
  'verify.upload.different':
    'Berkas ini TIDAK sama dengan dokumen yang diterbitkan: isinya telah berubah, atau ini berkas lain. SHA-256 berkas Anda: {sha256}.',
  'verify.upload.tooLarge': 'Berkas lebih besar dari 10 MB; dokumen yang diterbitkan jauh lebih kecil.',
  'verify.upload.notPdf': 'Pilih berkas PDF.',
  'verify.upload.titleReport': 'Bandingkan berkas PDF atau XLSX',
  'verify.upload.introReport':
    'Laporan ini diterbitkan sebagai PDF dan XLSX dengan kode yang sama. Pilih salah satu berkasnya untuk dibandingkan dengan berkas yang diterbitkan. Berkas Anda tidak disimpan.',
  'verify.upload.labelReport': 'Berkas PDF atau XLSX (paling besar 10 MB)',
  'verify.upload.notPdfOrXlsx': 'Pilih berkas PDF atau XLSX.',
  'verify.error': 'Pemeriksaan gagal: {message}'
};
