/**
 * The official documents of a session and of an activity (Perban BKN 4/2024 Lampiran I–III): the
 * list on the room's "Dokumen" page and the activity page, the agency's co-signer asked when
 * finalising (Pasal 14(1)l–m), and what was issued after finalising or completing the daftar periksa.
 */
export const documentsId = {
  'documents.link': 'Dokumen',
  'documents.title': 'Dokumen resmi sesi',
  'documents.basis': 'Perban BKN 4/2024 Lampiran I–III',
  'documents.loading': 'Memuat dokumen…',
  'documents.noSession': 'Ruang ini belum pernah punya sesi, jadi belum ada dokumen.',
  'documents.intro':
    'Dokumen yang diterbitkan dari catatan sesi. Dokumen tidak pernah diubah setelah terbit; koreksi diterbitkan sebagai versi baru yang menyebut versi yang dikoreksinya.',
  'documents.empty': 'Belum ada dokumen yang diterbitkan untuk sesi ini.',
  'documents.emptyWhen':
    'Berita Acara Penundaan terbit saat sesi ditunda; Daftar Periksa saat daftar periksa diselesaikan; Daftar Hadir, Daftar Asesi yang Mengikuti Seluruh Rangkaian, dan Berita Acara Penyelenggaraan saat sesi difinalisasi (dan Berita Acara Serah Terima saat sesi terakhir kegiatan difinalisasi).',
  'documents.count': '{n} dokumen',
  'documents.col.document': 'Dokumen',
  'documents.col.number': 'Nomor',
  'documents.col.version': 'Versi',
  'documents.col.issued': 'Diterbitkan',
  'documents.col.signers': 'Penanda tangan',
  'documents.col.code': 'Kode verifikasi',
  'documents.col.open': 'Berkas',
  'documents.version': 'versi {n}',
  'documents.replacedBy': 'diganti oleh versi {n}',
  'documents.replacedByOther': 'sudah diganti oleh versi yang lebih baru',
  'documents.correctionOf': 'koreksi dari versi {n}: {reason}',
  'documents.signerNip': 'NIP {nip}',
  'documents.verifyFor': 'Verifikasi dokumen {number} dengan kode {code}',
  'documents.pdf': 'PDF',
  'documents.pdfFor': 'Buka PDF {number} di tab baru',
  'documents.print': 'Cetak',
  'documents.printFor': 'Buka halaman cetak {number} di tab baru',
  'documents.activity.title': 'Dokumen',
  'documents.activity.intro': 'Dokumen kegiatan ini dan dokumen setiap sesinya.',
  'documents.activity.empty': 'Belum ada dokumen yang diterbitkan untuk kegiatan ini. Dokumen terbit saat sesi ditunda, saat daftar periksa diselesaikan, dan saat sesi difinalisasi.',
  'documents.session': 'Sesi',
  'documents.sessionNone': '— (kegiatan)',

  'documents.signer.legend': 'Penanda tangan dari instansi pengguna',
  'documents.signer.intro':
    'Daftar Hadir, Daftar Asesi, dan Berita Acara Penyelenggaraan ditandatangani Anda untuk Tim Penyelenggara CACT BKN dan oleh wakil instansi pengguna berikut.',
  'documents.signer.name': 'Nama',
  'documents.signer.nip': 'NIP (jika ada)',
  'documents.signer.jabatan': 'Jabatan',
  'documents.signer.fromChecklist': 'Diisi dari penanda tangan instansi pada daftar periksa; ubah bila orangnya lain.',

  'documents.issued.title': 'Dokumen yang diterbitkan',
  'documents.issued.text': 'Sesi sudah difinalisasi. Dokumen berikut diterbitkan dan tersimpan:',
  'documents.issued.all': 'Semua dokumen sesi',
  'documents.checklistIssued': 'Daftar periksa diterbitkan sebagai dokumen nomor {number}.'
};
