/**
 * The tab says when a person is needed: "● Needs you — Autopilot" (and a dot on the favicon) while a run waits,
 * and, while the tab is in the background, "Done" / "Failed" when a run ends there.
 */
import type { Run } from '../../core';

export const PAGE_TITLE = 'Autopilot';

/** What the tab says, from the runs and how the last run that ended in the background ended. */
export function tabTitle(runs: readonly Run[], endedInBackground: 'completed' | 'failed' | undefined): string {
  if (runs.some((run) => run.status === 'awaiting_human')) return `● Needs you — ${PAGE_TITLE}`;
  if (endedInBackground === 'completed') return `✓ Done — ${PAGE_TITLE}`;
  if (endedInBackground === 'failed') return `✗ Failed — ${PAGE_TITLE}`;
  return PAGE_TITLE;
}

/** The favicon: the logo, with a coloured dot when the tab has something to say. */
export function faviconHref(dot: 'waiting' | 'completed' | 'failed' | undefined): string {
  const colour = dot === 'waiting' ? '#d97706' : dot === 'completed' ? '#16a34a' : dot === 'failed' ? '#dc2626' : '';
  const badge = colour ? `<circle cx="24" cy="8" r="7" fill="${colour}" stroke="white" stroke-width="2"/>` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 3 L30 29 H2 Z" fill="#4f46e5"/>${badge}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Set the document's favicon (one `<link rel="icon">`, made when missing). */
export function setFavicon(href: string): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  if (link.href !== href) link.href = href;
}
