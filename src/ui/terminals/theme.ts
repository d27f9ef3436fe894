/** The terminal's colours, read from theme.css's `--ap-term-*` variables so xterm matches the page. */

/** The xterm theme fields Autopilot sets. */
export interface TerminalTheme {
  background: string;
  foreground: string;
  cursor: string;
  selectionBackground: string;
}

/** The terminal theme as the CSS variables resolve on `element` (built-in colours where one is unset). */
export function terminalThemeFromCss(element: HTMLElement): TerminalTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--ap-term-bg', '#0f1419'),
    foreground: read('--ap-term-fg', '#d6dde6'),
    cursor: read('--ap-term-fg', '#d6dde6'),
    selectionBackground: read('--ap-term-selection', '#2f4a6b'),
  };
}
