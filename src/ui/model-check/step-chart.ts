/**
 * A task's chart on the report card: prompt and completion tokens per step (how fast the context grows, how
 * much the model writes). The only module that imports uPlot (about 20 KB gzipped, canvas, no dependencies),
 * loaded with import() only when a report card is shown, so the page's first load carries none of it.
 */
import type { StepPoint } from '../../evals/check-record';

/** A drawn chart; `destroy` removes it. */
export interface DrawnChart {
  destroy(): void;
}

/** The colours the chart takes from the page's theme. */
function themed(element: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/** Draw the task's steps into `target` (emptied first). */
export async function drawStepChart(target: HTMLElement, points: readonly StepPoint[], size: { width: number; height: number }): Promise<DrawnChart> {
  const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
  target.replaceChildren();
  const text = themed(target, '--ap-text-muted', '#5d6672');
  const grid = themed(target, '--ap-border', '#dde1e7');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
  const chart = new UPlot(
    {
      width: size.width,
      height: size.height,
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [
        { ...axis, label: 'step', labelSize: 14, incrs: [1, 2, 5, 10] },
        { ...axis, size: 48 },
      ],
      series: [
        { label: 'step' },
        { label: 'prompt', stroke: themed(target, '--ap-accent', '#2f6fde'), width: 2, points: { show: true, size: 5 } },
        { label: 'completion', stroke: themed(target, '--ap-success', '#1f7a3f'), width: 2, points: { show: true, size: 5 } },
      ],
    },
    [points.map((p) => p.step), points.map((p) => p.prompt_tokens), points.map((p) => p.completion_tokens)],
    target,
  );
  return { destroy: () => chart.destroy() };
}
