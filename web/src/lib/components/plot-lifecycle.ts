/**
 * How a uPlot chart lives in a component (LatencyChart, the evaluation's TrendChart): made a frame
 * after the page's text is shown (its layout and canvas take tens of ms, the text should not wait
 * for them), destroyed when the effect that made it ends, and kept as wide as its box.
 */
import type uPlot from 'uplot';

/** Build the chart after the next paint; the returned cleanup cancels a build not yet run, or destroys the chart. */
export function plotAfterPaint(build: () => uPlot, keep: (plot: uPlot | null) => void): () => void {
  let plot: uPlot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame = requestAnimationFrame(() => {
    frame = 0;
    timer = setTimeout(() => {
      plot = build();
      keep(plot);
    }, 0);
  });
  return () => {
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(timer);
    plot?.destroy();
    keep(null);
  };
}

/** Resize the chart with its box (the height stays); the returned cleanup stops watching. */
export function followWidth(host: HTMLElement, height: number, current: () => uPlot | null): () => void {
  const ro = new ResizeObserver(() => {
    const plot = current();
    if (plot && host.clientWidth > 0) plot.setSize({ width: host.clientWidth, height });
  });
  ro.observe(host);
  return () => ro.disconnect();
}
