/**
 * Dates and times on the session pages. Kept for old imports: everything is written by
 * $lib/format/time.ts, the dashboard's one scheme ("09.07", "6 Des 2026, 09.07").
 */
export { formatClock as formatTime, formatDateTime, fromTimeInput, timeInputValue } from '$lib/format/time.ts';
