/**
 * Where each tile of a large room goes, and which of them are drawn. A 500-seat room draws only
 * the rows near the screen (about a sixth of them on a laptop): every tile in the DOM costs style,
 * layout, paint, layerization and hit testing in every frame, whether seen or not. For that the
 * rows have heights known without measuring: each tile line has a fixed height (the tile's CSS
 * takes them from the custom properties `gridVars` writes), and a row is as tall as its tallest
 * tile — the base lines plus one line per extra (a marker, a Lampiran II failure, session flags).
 */
import type { StationView } from '$protocol';

export type TileMode = 'normal' | 'dense' | 'mini';

/** Heights in rem (the "large text" switch scales them with the root font size). */
export const LINES = {
  /** tile padding, top + bottom, and its two 1 px borders */
  pad: 0.6,
  head: 1.2,
  name: 1.05,
  nip: 0.95,
  row: 1.05,
  bar: 0.4,
  small: 1.0,
  /** one extra line: the marker row with its OK button, the Lampiran II line, the session flags */
  extra: 1.15,
  /** between two lines of a tile */
  gap: 0.15,
  /** between two rows of tiles */
  rowGap: 0.25
} as const;

/** The custom properties the tile's fixed-height lines read. */
export function gridVars(): string {
  return Object.entries(LINES).map(([k, v]) => `--l-${k}:${v}rem`).join(';');
}

/** Lines a tile shows beyond its base (the same conditions as the tile's own). */
export function tileExtras(s: StationView): number {
  let n = 0;
  if (s.attention.length > 0) n++;
  if (s.compliance === 'fail' && (s.complianceFails?.length ?? 0) > 0) n++;
  const p = s.participant;
  const flags =
    (!!p && (p.endedAt != null || p.pausedAt != null || p.extraMin > 0 || p.attendance === 'absent' || p.late)) ||
    s.pinLockedUntil != null || (s.pending?.length ?? 0) > 0 || (s.integrity?.length ?? 0) > 0;
  if (flags) n++;
  return n;
}

export function baseRem(mode: TileMode): number {
  const L = LINES;
  const lines = [L.head, L.name, ...(mode === 'normal' ? [L.nip] : []), L.row, L.bar, L.small];
  return L.pad + lines.reduce((a, b) => a + b, 0) + (lines.length - 1) * L.gap;
}

export type Cell = { s: StationView; row: number; col: number };

/**
 * Seat layout (`placed`): each station at its row and column of the floor plan. Otherwise the
 * stations in the order given, `cols` to a row.
 */
export function layoutCells(list: StationView[], placed: boolean, cols: number, floorRows: number): { cells: Cell[]; rows: number } {
  if (placed) return { cells: list.map((s) => ({ s, row: s.row, col: s.col })), rows: Math.max(floorRows, ...list.map((s) => s.row), 0) };
  const c = Math.max(1, cols);
  return { cells: list.map((s, i) => ({ s, row: Math.floor(i / c) + 1, col: (i % c) + 1 })), rows: Math.ceil(list.length / c) };
}

/**
 * Height of every row (index 0 = row 1), in rem: the tallest tile in it. Empty rows keep the base.
 * `extrasOf` gives a station's extra lines (RoomView keeps them, counted as changes arrive).
 */
export function rowHeights(cells: Cell[], rows: number, mode: TileMode, extrasOf: (s: StationView) => number = tileExtras): number[] {
  const extras = new Array<number>(rows).fill(0);
  for (const c of cells) {
    const e = extrasOf(c.s);
    if (e > extras[c.row - 1]) extras[c.row - 1] = e;
  }
  const base = baseRem(mode);
  return extras.map((e) => base + e * (LINES.extra + LINES.gap));
}

/**
 * The rows to draw: those overlapping [top − margin, bottom + margin] (px from the grid's top),
 * given each row's height in px. Returns 1-based [first, last]; [1, 0] when none.
 */
export function rowWindow(heightsPx: number[], gapPx: number, top: number, bottom: number, margin: number): [number, number] {
  let first = 0;
  let last = -1;
  let y = 0;
  for (let i = 0; i < heightsPx.length; i++) {
    const h = heightsPx[i];
    if (y + h >= top - margin && y <= bottom + margin) {
      if (last < 0) first = i;
      last = i;
    } else if (last >= 0) break;
    y += h + gapPx;
  }
  return last < 0 ? [1, 0] : [first + 1, last + 1];
}
