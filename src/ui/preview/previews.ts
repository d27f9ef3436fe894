/**
 * What the Preview shows, as plain data changed by sandbox events: the open ports (in the order they opened),
 * the one selected, the path typed for each, and the last errors the preview reported.
 */
import type { PreviewPort, SandboxEvent } from '../../sandbox/sandbox';

/** The preview's state; replaced whole on every change. */
export interface PreviewState {
  ports: PreviewPort[];
  /** The port shown, if any. */
  selected?: number;
  /** The path shown for each port ("/" until the person types another). */
  paths: Record<number, string>;
  /** The latest errors the preview reported, newest last. */
  errors: { port?: number; message: string }[];
}

/** Errors kept for display. */
const KEPT_ERRORS = 5;

export const EMPTY_PREVIEW: PreviewState = { ports: [], paths: {}, errors: [] };

/** The state after one sandbox event (the same object when the event changes nothing). */
export function applyPreviewEvent(state: PreviewState, event: SandboxEvent): PreviewState {
  switch (event.type) {
    case 'preview-open': {
      const { port } = event.preview;
      const ports = [...state.ports.filter((open) => open.port !== port), event.preview].sort(byOpening(state.ports));
      return { ...state, ports, selected: state.selected ?? port, paths: { [port]: '/', ...state.paths } };
    }
    case 'preview-close': {
      if (!state.ports.some((open) => open.port === event.port)) return state;
      const ports = state.ports.filter((open) => open.port !== event.port);
      const selected = state.selected === event.port ? ports[0]?.port : state.selected;
      const paths = { ...state.paths };
      delete paths[event.port];
      const next: PreviewState = { ...state, ports, paths };
      if (selected === undefined) delete next.selected;
      else next.selected = selected;
      return next;
    }
    case 'preview-error':
      return { ...state, errors: [...state.errors, { port: event.port, message: event.message }].slice(-KEPT_ERRORS) };
    default:
      return state;
  }
}

/** Ports keep the place they first opened at; new ones go last. */
function byOpening(before: PreviewPort[]) {
  const rank = (port: number) => {
    const at = before.findIndex((open) => open.port === port);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return (a: PreviewPort, b: PreviewPort) => rank(a.port) - rank(b.port);
}

/** The address to load: the port's origin and a path typed by the person (always inside that origin). */
export function previewAddress(port: PreviewPort, path: string): string {
  const base = new URL(port.url);
  const typed = path.trim() === '' ? '/' : path.trim();
  try {
    const url = new URL(typed.startsWith('/') ? typed : `/${typed}`, base.origin);
    return url.origin === base.origin ? url.href : base.href;
  } catch {
    return base.href;
  }
}
