/**
 * Reading the monitoring and evaluation report (protocol/evaluation.ts) for the page: a check's
 * share followed, a day's problems per stage for the trend chart, and the words' keys for a
 * problem's category. No Svelte here: the unit tests import it.
 */
import {
  EVALUATION_ITEMS_LIMIT,
  EVALUATION_STAGES,
  PROBLEM_KINDS,
  type EvaluationStage,
  type ProblemKind,
  type ProcedureRow,
  type StageProblems,
  type TrendDay
} from '$protocol/evaluation.ts';
import { dayNumber } from '$protocol/schedule.ts';
import { LANG_TAG, type Lang } from '$protocol/format/time.ts';

/** The share of the sessions a check applies to that followed it, in whole percent; null when it applies to none. */
export function followedPercent(row: Pick<ProcedureRow, 'applicable' | 'followed'>): number | null {
  if (row.applicable <= 0) return null;
  return Math.floor((row.followed / row.applicable) * 100);
}

/**
 * A check's exceptions: the sessions it did not hold for (whole: applicable − followed), the
 * overrides listed (kept by an exception with a reason, counted as followed), and whether the list
 * was cut at EVALUATION_ITEMS_LIMIT by the server (then more may exist than are listed).
 */
export function exceptionCounts(row: Pick<ProcedureRow, 'applicable' | 'followed' | 'exceptions'>): { excepted: number; failed: number; truncated: boolean } {
  let excepted = 0;
  for (const e of row.exceptions) if (e.excepted) excepted++;
  return { excepted, failed: Math.max(0, row.applicable - row.followed), truncated: row.exceptions.length >= EVALUATION_ITEMS_LIMIT };
}

/** A day's problems of each stage. */
export function stageTotals(day: Pick<TrendDay, 'problems'>): Record<EvaluationStage, number> {
  const out = { planning: 0, execution: 0, reporting: 0 } as Record<EvaluationStage, number>;
  for (const stage of EVALUATION_STAGES) for (const kind of PROBLEM_KINDS[stage]) out[stage] += day.problems[kind as ProblemKind] ?? 0;
  return out;
}

/**
 * The trend as uPlot's aligned data: x (each date as its day number, days since 1970-01-01: a
 * plain number axis, no Date built here), sessions, then problems per stage.
 */
export function trendData(trend: readonly TrendDay[]): [number[], number[], number[], number[], number[]] {
  const days = [...trend].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const totals = days.map(stageTotals);
  return [
    days.map((d) => dayNumber(d.date)),
    days.map((d) => d.sessions),
    totals.map((t) => t.planning),
    totals.map((t) => t.execution),
    totals.map((t) => t.reporting)
  ];
}

/** Whether the trend has something to draw: two days at least (one day is a dot, not a trend). */
export const trendDrawable = (trend: readonly TrendDay[]): boolean => trend.length >= 2;

/** All problems of a stage (its counts are whole even when its list is truncated). */
export const stageCount = (s: Pick<StageProblems, 'counts'>): number => s.counts.reduce((n, c) => n + c.count, 0);

/**
 * The dictionary key that names a problem's category, when there is one: an incident's category
 * (`incidents.cat.*`), a postponement's (`postpone.category.*`); a checklist item's key ("B.4") is
 * shown as the form prints it. Null: show the category as it is.
 */
export function categoryKey(kind: ProblemKind, category: string): string | null {
  if (kind === 'incident') return `incidents.cat.${category}`;
  if (kind === 'postponement') return `postpone.category.${category}`;
  return null;
}

// one number format per language (Intl formatters are costly to build)
const numberFormats = new Map<string, Intl.NumberFormat>();
/** A count or a ratio in the language's digits: "1.680" / "1,680", "0,56" / "0.56" (at most two decimals). */
export function formatNumber(lang: Lang, n: number): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(LANG_TAG[lang], { maximumFractionDigits: 2 })));
  return f.format(n);
}
