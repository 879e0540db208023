import type { venuesId } from './venues.id.ts';

export const venuesEn: Record<keyof typeof venuesId, string> = {
  'nav.venues': 'Venues',
  'venues.title': 'Test venues',
  'venues.intro': "A venue's kind (SE BKN 6/2026 5.b) and its time zone. Every session time, agenda, export and document of the venue is shown in its zone; the stored times do not change.",
  'venues.loading': 'Loading venues…',
  'venues.empty': 'No venue in your scope.',
  'venues.col.venue': 'Venue',
  'venues.col.region': 'Region',
  'venues.col.kind': 'Kind of venue',
  'venues.col.zone': 'Time zone',
  'venues.save': 'Save',
  'venues.saving': 'Saving…',
  'venues.saved': 'Settings of {name} saved.',
  'venues.noChange': 'Nothing changed.',
  'venues.forbidden': 'This page is for those who plan activities (coordinator, admin).',
  'venue.kind.kantor_pusat': 'BKN head office',
  'venue.kind.kanreg': 'BKN regional office',
  'venue.kind.upt': 'BKN technical unit (UPT)',
  'venue.kind.instansi': "User agency's CAT",
  'venue.kind.mandiri': 'Independent CAT',
  'venue.kind.lainnya': 'Another place',
  'venue.zone.Asia/Jakarta': 'WIB (UTC+7)',
  'venue.zone.Asia/Makassar': 'WITA (UTC+8)',
  'venue.zone.Asia/Jayapura': 'WIT (UTC+9)'
};
