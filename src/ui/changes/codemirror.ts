/**
 * CodeMirror 6, for the diff view and the file editor: the one module that imports the CodeMirror packages.
 * Loaded with a dynamic import on first use, so the page's initial JS stays small. CodeMirror draws only the
 * lines in view, so big files stay fast: the unified diff is one document of kept, deleted and added lines
 * (unified-lines.ts; @codemirror/merge's unified view draws each deleted stretch whole, 5 000 lines in one
 * task), and side by side is @codemirror/merge's MergeView over our line diff. Unchanged stretches fold.
 */
import { basicSetup, minimalSetup } from 'codemirror';
import { EditorState, RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, gutter, GutterMarker, keymap, lineNumbers, WidgetType, type DecorationSet } from '@codemirror/view';
import { Change, diff as charDiff, MergeView } from '@codemirror/merge';
import { lineEdits } from '../../changes/line-diff';
import type { Edit } from '../../changes/line-hunks';
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
 * unified document and the view are built in separate tasks, so none holds the page for long.
 */
export async function mountDiff(parent: HTMLElement, options: { before: string; after: string; path: string; layout: DiffLayout }): Promise<Mounted> {
  const { before, after } = options;
  const edits = lineEdits(before, after);
  await nextTask();
  if (options.layout === 'split') {
    const changes = changesOf(edits, before, after);
    await nextTask();
    const extensions = [minimalSetup, lineNumbers(), readOnly, theme, languageOf(options.path)];
    // the docs' text is ours unless CodeMirror turned "\r\n" line ends into "\n" (then the offsets differ)
    const override = (a: string, b: string) => (a.length === before.length && b.length === after.length ? changes : changesOf(lineEdits(a, b), a, b));
    const view = new MergeView({
      a: { doc: before, extensions },
      b: { doc: after, extensions },
      parent,
      collapseUnchanged: COLLAPSE,
      gutter: true,
      // a stretch too long to refine is changed text from end to end: marking it adds a mark per line (on every
      // scroll: the merge view decorates whole chunks), and its line colour already says so
      highlightChanges: changes.every((change) => change.toA - change.fromA + change.toB - change.fromB <= WORD_DIFF.stretch),
      diffConfig: { override },
    });
    return { destroy: () => view.destroy() };
  }
  const lines = unifiedLines(edits, COLLAPSE);
  await nextTask();
  const view = new EditorView({
    parent,
    state: EditorState.create({ doc: lines.text, extensions: [minimalSetup, readOnly, theme, unifiedTheme, languageOf(options.path), unifiedView(lines)] }),
  });
  return { destroy: () => view.destroy() };
}

/** Lets the page paint and handle input before the next part of the work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

/**
 * Changed stretches of at most this many characters (old + new) also mark the characters that changed, up to
 * the budget in all (a character diff costs about length × changes: 500 stretches of 1 000 took seconds).
 */
const WORD_DIFF = { stretch: 600, budget: 12_000 };

/** The merge view's changes from our line diff: a change per changed stretch of lines, refined to words when short. */
function changesOf(edits: readonly Edit[], a: string, b: string): readonly Change[] {
  const changes: Change[] = [];
  let budget = WORD_DIFF.budget;
  let posA = 0;
  let posB = 0;
  let run: { fromA: number; fromB: number } | undefined;
  const close = () => {
    if (!run) return;
    const { fromA, fromB } = run;
    run = undefined;
    const size = posA - fromA + posB - fromB;
    if (size > WORD_DIFF.stretch || size > budget) return void changes.push(new Change(fromA, posA, fromB, posB));
    budget -= size;
    for (const c of charDiff(a.slice(fromA, posA), b.slice(fromB, posB), { scanLimit: 200 })) {
      changes.push(new Change(c.fromA + fromA, c.toA + fromA, c.fromB + fromB, c.toB + fromB));
    }
  };
  for (const [sign, line] of edits) {
    if (sign === ' ') close();
    else run ??= { fromA: posA, fromB: posB };
    if (sign !== '+') posA += line.length;
    if (sign !== '-') posB += line.length;
  }
  close();
  return changes;
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

/** Folded kept lines: a button that shows them. */
class FoldedLines extends WidgetType {
  constructor(readonly count: number) {
    super();
  }
  override eq(other: FoldedLines): boolean {
    return other.count === this.count;
  }
  toDOM(view: EditorView): HTMLElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cm-collapsedLines';
    button.textContent = `${this.count} unchanged lines`;
    button.addEventListener('click', () => view.dispatch({ effects: unfold.of(view.posAtDOM(button)) }));
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

const unfold = StateEffect.define<number>();

/** The unified document's line colours, old and new line numbers, and folds. */
function unifiedView(lines: UnifiedLines): Extension {
  const folds = StateField.define<DecorationSet>({
    create(state) {
      const builder = new RangeSetBuilder<Decoration>();
      for (const [first, last] of lines.folds) {
        const widget = new FoldedLines(last - first + 1);
        builder.add(state.doc.line(first + 1).from, state.doc.line(last + 1).to, Decoration.replace({ widget, block: true }));
      }
      return builder.finish();
    },
    update(set, transaction) {
      for (const effect of transaction.effects) {
        if (effect.is(unfold)) set = set.update({ filter: (from, to) => effect.value < from || effect.value > to });
      }
      return set;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
  const colours = EditorView.decorations.of((view) => {
    const builder = new RangeSetBuilder<Decoration>();
    for (const { from, to } of view.visibleRanges) {
      for (let at = from; at <= to; ) {
        const line = view.state.doc.lineAt(at);
        const kind = lines.kinds[line.number - 1];
        if (kind !== 'kept') builder.add(line.from, line.from, lineClass[kind]);
        at = line.to + 1;
      }
    }
    return builder.finish();
  });
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
