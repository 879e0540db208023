/**
 * Bahasa Indonesia strings of the finalise dialog's completion list: who did not complete the whole
 * series and why (SE BKN 6/2026 §5.g.2). The reasons' own words are in protocol/completion.ts
 * (NON_COMPLETION_WORDS), shared with the documents. completion.en.ts must have the same keys.
 */
export const completionId = {
  'completion.title': 'Peserta yang tidak menyelesaikan seluruh rangkaian',
  'completion.intro': 'Hasil ProASN hanya ada untuk seluruh rangkaian (SE BKN 6/2026 §5.g.2). Pilih alasan untuk setiap peserta di bawah; alasan ini tercantum pada daftar yang diterbitkan saat sesi ditutup.',
  'completion.allCompleted': 'Semua peserta menyelesaikan seluruh rangkaian.',
  'completion.missing': '{n} peserta belum diberi alasan.',
  'completion.noneMissing': 'Setiap peserta yang tidak menyelesaikan sudah diberi alasan.',
  'completion.completedCount': '{n} dari {total} peserta menyelesaikan seluruh rangkaian.',
  'completion.loading': 'Memuat daftar peserta …',
  'completion.error': 'Daftar peserta tidak dapat dimuat: {message}',
  'completion.progress.notStarted': 'Tidak login',
  'completion.progress.at': '{instrument} · {percent}% dari seluruh rangkaian',
  'completion.progress.noQuestionnaire': 'Semua instrumen selesai; kuesioner belum',
  'completion.attendance.present': 'hadir',
  'completion.attendance.absent': 'tidak hadir',
  'completion.attendance.expected': 'belum registrasi',
  'completion.reason': 'Alasan',
  'completion.reasonFor': 'Alasan untuk {name}',
  'completion.choose': '— pilih alasan —',
  'completion.suggested': '(saran)',
  'completion.note': 'Keterangan',
  'completion.noteFor': 'Keterangan untuk {name}',
  'completion.noteNeeded': 'Tuliskan keterangan untuk alasan "Lainnya".',
  'completion.state.saved': 'Tersimpan',
  'completion.state.changed': 'Belum disimpan',
  'completion.state.lacking': 'Belum ada alasan',
  'completion.save': 'Simpan alasan ({n})',
  'completion.saveNone': 'Simpan alasan',
  'completion.saved': 'Alasan tersimpan.'
} as const;
