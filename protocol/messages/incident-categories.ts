/**
 * The names of the incident categories (protocol/session.ts INCIDENT_CATEGORIES), in both languages:
 * the dashboard lists them, and the Berita Acara Penyelenggaraan (Lampiran I.C.1) writes the
 * Indonesian one before each "terjadi kejadian berupa" item.
 */
import type { IncidentCategory } from '../session.ts';

export const incidentCategoriesId: Record<IncidentCategory, string> = {
  late_arrival: 'Terlambat registrasi',
  identity_mismatch: 'Identitas tidak sesuai',
  disorder: 'Mengganggu ketertiban',
  confidentiality: 'Membocorkan materi tes',
  prohibited_item: 'Membawa barang terlarang',
  computer_misuse: 'Memakai komputer selain untuk tes',
  talking: 'Berbicara dengan asesi lain',
  passing_items: 'Menerima/memberikan sesuatu',
  recording: 'Merekam/menyebarluaskan tes',
  leaving_room: 'Keluar/masuk ruang tanpa izin',
  station_offline: 'PC terputus dari server',
  latency_over_limit: 'Latensi melebihi batas',
  power_failure: 'Listrik padam',
  network_failure: 'Jaringan internet terganggu',
  application_error: 'Aplikasi tes bermasalah',
  station_swap: 'Pindah ke PC cadangan',
  other: 'Kejadian lain'
};

export const incidentCategoriesEn: Record<IncidentCategory, string> = {
  late_arrival: 'Late for registration',
  identity_mismatch: 'Identity does not match',
  disorder: 'Disturbing order',
  confidentiality: 'Disclosing test material',
  prohibited_item: 'Prohibited item brought in',
  computer_misuse: 'Computer used for something else',
  talking: 'Talking to another participant',
  passing_items: 'Passing or receiving something',
  recording: 'Recording or spreading the test',
  leaving_room: 'Leaving/entering without permission',
  station_offline: 'PC disconnected from the server',
  latency_over_limit: 'Latency over the limit',
  power_failure: 'Power failure',
  network_failure: 'Internet connection problem',
  application_error: 'Test application problem',
  station_swap: 'Moved to a spare PC',
  other: 'Other incident'
};
