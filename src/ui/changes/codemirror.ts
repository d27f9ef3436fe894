/**
 * CodeMirror 6, for the diff view and the file editor: the one module that imports the CodeMirror packages.
 * Loaded with a dynamic import on first use, so the page's initial JS stays small. CodeMirror draws only the
 * lines in view, so big files stay fast: the unified diff is one document of kept, deleted and added lines
 * (unified-lines.ts), side by side two documents kept level by blank lines (split-lines.ts), both over our line
 * diff and coloured only where in view; unchanged stretches fold. (@codemirror/merge's views draw or decorate
 * each changed stretch whole: a 5 000-line rewrite took one 324 ms task.)
 */
import { basicSetup, minimalSetup } from 'codemirror';
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, gutter, GutterMarker, keymap, lineNumbers, WidgetType, type DecorationSet } from '@codemirror/view';
import { lineEdits } from '../../changes/line-diff';
import { splitLines, type SplitLines, type SplitSide } from './split-lines';
import { unifiedLines, type UnifiedLines } from './unified-lines';
import { css } from '@codemirror/lang-css';
import { html } from '@codemirror/lang-html';
import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';

/** Something mounted that can be taken down. */
export interface Mounted {
  destroy(): void;
}

/** The syntax colours for a file, by its extension (none for kinds we do not know). */
export function languageOf(path: string): Extension {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (['js', 'mjs', 'cjs', 'jsx'].includes(extension)) return javascript({ jsx: true });
  if (['ts', 'mts', 'cts', 'tsx'].includes(extension)) return javascript({ typescript: true, jsx: extension === 'tsx' });
  if (['css', 'scss', 'less'].includes(extension)) return css();
  if (['html', 'htm', 'svelte', 'vue'].includes(extension)) return html();
  if (extension === 'json') return json();
  if (['md', 'markdown'].includes(extension)) return markdown();
  if (extension === 'py') return python();
  return [];
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px' },
  '.cm-scroller': { fontFamily: 'var(--ap-mono)', overflow: 'auto' },
});

const readOnly: Extension = [EditorState.readOnly.of(true), EditorView.editable.of(false)];

/** Unchanged stretches longer than this fold away, leaving `margin` lines of context. */
const COLLAPSE = { margin: 3, minSize: 6 };

/** How a diff is laid out. */
export type DiffLayout = 'unified' | 'split';

/**
 * A read-only diff of `before` → `after` in `parent`: unified (one column) or side by side. The line diff, the
 * layout, the view and each side's syntax colours are built in separate tasks, so none holds the page long.
 */
export async function mountDiff(parent: HTMLElement, options: { before: string; after: string; path: string; layout: DiffLayout }): Promise<Mounted> {
  const { before, after } = options;
  const edits = lineEdits(before, after);
  await nextTask();
  const layout = options.layout === 'split' ? splitLines(edits, COLLAPSE) : unifiedLines(edits, COLLAPSE);
  await nextTask();
  const shown = 'kinds' in layout ? mountUnified(parent, layout) : mountSplit(parent, { before, after, layout });
  for (const view of shown.views) {
    await nextTask();
    view.dispatch({ effects: syntax.reconfigure(languageOf(options.path)) });
  }
  return shown;
}

/** The syntax colours of a diff's documents, set once the view is on screen (the first parse takes a while). */
const syntax = new Compartment();

/** A mounted diff and its editors. */
interface MountedViews extends Mounted {
  views: EditorView[];
}

function mountUnified(parent: HTMLElement, lines: UnifiedLines): MountedViews {
  const extensions = [minimalSetup, readOnly, theme, unifiedTheme, syntax.of([]), unifiedView(lines)];
  const view = new EditorView({ parent, state: EditorState.create({ doc: lines.text, extensions }) });
  return { views: [view], destroy: () => view.destroy() };
}

/** Lets the page paint and handle input before the next part of the work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

const lineClass = {
  deleted: Decoration.line({ class: 'cm-deletedLine' }),
  added: Decoration.line({ class: 'cm-changedLine cm-insertedLine' }),
};

/** A line's numbers in the old and the new file, in the gutter. */
class LineNumbers extends GutterMarker {
  constructor(readonly old: number, readonly now: number) {
    super();
  }
  override eq(other: LineNumbers): boolean {
    return other.old === this.old && other.now === this.now;
  }
  override toDOM(): Node {
    const text = `${this.old || ''}`.padStart(5) + `${this.now || ''}`.padStart(6);
    return document.createTextNode(text);
  }
}

/** Folded kept lines: a button that shows them (`open` with the fold's number and the view it is in). */
class FoldedLines extends WidgetType {
  constructor(
    readonly count: number,
    readonly index: number,
    readonly open: (index: number, view: EditorView) => void,
  ) {
    super();
  }
  override eq(other: FoldedLines): boolean {
    return other.count === this.count && other.index === this.index;
  }
  toDOM(view: EditorView): HTMLElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cm-collapsedLines';
    button.textContent = `${this.count} unchanged lines`;
    button.addEventListener('click', () => this.open(this.index, view));
    return button;
  }
  /** The button's own clicks and keys, not the editor's. */
  override ignoreEvent(): boolean {
    return true;
  }
  override get estimatedHeight(): number {
    return 27;
  }
}

/** Shows the fold of this number again. */
const unfold = StateEffect.define<number>();

/** Folds of these line ranges (0-based, inclusive); `open(index)` is told when one's button is pressed. */
function foldsOf(ranges: readonly (readonly [number, number])[], open: (index: number, view: EditorView) => void): Extension {
  return StateField.define<DecorationSet>({
    create(state) {
      const builder = new RangeSetBuilder<Decoration>();
      ranges.forEach(([first, last], index) => {
        const widget = new FoldedLines(last - first + 1, index, open);
        builder.add(state.doc.line(first + 1).from, state.doc.line(last + 1).to, Decoration.replace({ widget, block: true, index }));
      });
      return builder.finish();
    },
    update(set, transaction) {
      for (const effect of transaction.effects) {
        if (effect.is(unfold)) set = set.update({ filter: (_from, _to, value) => value.spec.index !== effect.value });
      }
      return set;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

/** Line classes for the lines in view: `classOf(line)` (0-based) or none. */
function lineColours(classOf: (line: number) => Decoration | undefined): Extension {
  return EditorView.decorations.of((view) => {
    const builder = new RangeSetBuilder<Decoration>();
    for (const { from, to } of view.visibleRanges) {
      for (let at = from; at <= to; ) {
        const line = view.state.doc.lineAt(at);
        const decoration = classOf(line.number - 1);
        if (decoration) builder.add(line.from, line.from, decoration);
        at = line.to + 1;
      }
    }
    return builder.finish();
  });
}

/** Blank lines that keep the two sides of a side-by-side diff level. */
class Spacer extends WidgetType {
  constructor(readonly lines: number) {
    super();
  }
  override eq(other: Spacer): boolean {
    return other.lines === this.lines;
  }
  toDOM(view: EditorView): HTMLElement {
    const element = document.createElement('div');
    element.className = 'cm-diffSpacer';
    element.style.height = `${this.lines * view.defaultLineHeight}px`;
    return element;
  }
  override get estimatedHeight(): number {
    return this.lines * 18;
  }
}

/** One side of a side-by-side diff: its changed lines coloured, its spacers, its folds. */
function splitSide(side: SplitSide, decoration: Decoration, folds: [number, number][], open: (index: number) => void): Extension {
  const spacers = StateField.define<DecorationSet>({
    create(state) {
      const builder = new RangeSetBuilder<Decoration>();
      for (const { before, lines } of side.spacers) {
        const atEnd = before >= state.doc.lines;
        const at = atEnd ? state.doc.length : state.doc.line(before + 1).from;
        builder.add(at, at, Decoration.widget({ widget: new Spacer(lines), block: true, side: atEnd ? 1 : -1 }));
      }
      return builder.finish();
    },
    update: (set) => set,
    provide: (field) => EditorView.decorations.from(field),
  });
  return [lineColours((line) => (side.changed.has(line) ? decoration : undefined)), spacers, foldsOf(folds, open)];
}

/** The side-by-side view: the old and the new file in two editors in one scrolling pane, level line for line. */
function mountSplit(parent: HTMLElement, options: { before: string; after: string; layout: SplitLines }): MountedViews {
  const pane = parent.appendChild(document.createElement('div'));
  pane.className = 'cm-splitDiff';
  const views: EditorView[] = [];
  const open = (index: number) => views.forEach((view) => view.dispatch({ effects: unfold.of(index) }));
  const { layout } = options;
  const sides = [
    { doc: options.before, side: layout.old, decoration: lineClass.deleted, folds: layout.folds.map((fold) => fold.old) },
    { doc: options.after, side: layout.new, decoration: lineClass.added, folds: layout.folds.map((fold) => fold.new) },
  ];
  for (const { doc, side, decoration, folds } of sides) {
    const extensions = [minimalSetup, lineNumbers(), readOnly, theme, splitTheme, unifiedTheme, syntax.of([]), splitSide(side, decoration, folds, open)];
    views.push(new EditorView({ parent: pane.appendChild(document.createElement('div')), state: EditorState.create({ doc, extensions }) }));
  }
  return {
    views,
    destroy: () => {
      views.forEach((view) => view.destroy());
      pane.remove();
    },
  };
}

const splitTheme = EditorView.theme({
  '&': { height: 'auto' },
  '.cm-scroller': { overflowY: 'hidden' },
});

/** The unified document's line colours, old and new line numbers, and folds. */
function unifiedView(lines: UnifiedLines): Extension {
  const folds = foldsOf(lines.folds, (index, view) => view.dispatch({ effects: unfold.of(index) }));
  const colours = lineColours((line) => (lines.kinds[line] === 'kept' ? undefined : lineClass[lines.kinds[line] as 'deleted' | 'added']));
  const numbers = gutter({
    class: 'cm-diffNumbers',
    lineMarker: (view, line) => {
      const index = view.state.doc.lineAt(line.from).number - 1;
      return new LineNumbers(lines.oldNumbers[index], lines.newNumbers[index]);
    },
    initialSpacer: () => new LineNumbers(lines.oldNumbers.length, lines.newNumbers.length),
  });
  return [folds, colours, numbers];
}

const unifiedTheme = EditorView.theme({
  '.cm-diffNumbers': { whiteSpace: 'pre', color: 'var(--ap-text-muted)', paddingRight: '6px' },
  '.cm-insertedLine': { background: 'rgb(46 160 67 / 15%)' },
  '.cm-deletedLine': { background: 'rgb(248 81 73 / 15%)' },
  '.cm-collapsedLines': {
    display: 'block',
    width: '100%',
    padding: '4px 8px',
    border: 'none',
    textAlign: 'left',
    font: 'inherit',
    cursor: 'pointer',
    color: 'var(--ap-text-muted)',
    background: 'var(--ap-surface-2)',
  },
});

/** An editor of one file. */
export interface MountedEditor extends Mounted {
  text(): string;
  focus(): void;
}

/** An editable file in `parent`; Ctrl/Cmd+S calls `onSave`, every edit calls `onChange`. */
export function mountEditor(
  parent: HTMLElement,
  options: { doc: string; path: string; label: string; onChange(): void; onSave(): void },
): MountedEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (options.onSave(), true) }]),
        basicSetup,
        theme,
        languageOf(options.path),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => update.docChanged && options.onChange()),
      ],
    }),
  });
  return { destroy: () => view.destroy(), text: () => view.state.doc.toString(), focus: () => view.focus() };
}
