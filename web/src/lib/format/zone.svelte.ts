/**
 * The time zone the page shows its moments in: the venue's (WIB, WITA or WIT), so a coordinator in
 * Jakarta looking at a room in Makassar reads the room's own clock, in WITA. A room's pages set it
 * from the room they show; the other pages are back on WIB, and a page that lists several venues
 * passes each venue's zone explicitly. Kept apart from time.ts because it is reactive state.
 */
import { DEFAULT_ZONE, VENUE_ZONES, type VenueZone, type Zone } from '$protocol/format/time.ts';

export const shownZone = $state<{ zone: Zone }>({ zone: DEFAULT_ZONE });

/** Show the page's moments in this zone (a venue's IANA name or WIB/WITA/WIT); unknown: WIB. */
export function showZone(zone: Zone | null | undefined) {
  shownZone.zone = zone ?? DEFAULT_ZONE;
}

/** The name a zone goes by on Indonesian clocks: "WIB", "WITA", "WIT"; another zone by its IANA name. */
export function zoneName(zone: Zone | null | undefined): string {
  const z = zone ?? DEFAULT_ZONE;
  if (z in VENUE_ZONES) return z;
  const abbr = (Object.keys(VENUE_ZONES) as VenueZone[]).find((k) => VENUE_ZONES[k] === z);
  return abbr ?? z;
}
