/**
 * CodeMirror 6, for the diff view (@codemirror/merge) and the file editor: the one module that imports the
 * CodeMirror packages. Loaded with a dynamic import on first use, so the page's initial JS stays small.
 * CodeMirror draws only the lines in view, and unchanged regions of a diff are folded, so big files stay fast.
 */
import { basicSetup } from 'codemirror';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { MergeView, unifiedMergeView } from '@codemirror/merge';
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

/** A read-only diff of `before` → `after` in `parent`: unified (one column) or side by side. */
export function mountDiff(parent: HTMLElement, options: { before: string; after: string; path: string; layout: DiffLayout }): Mounted {
  const extensions = [basicSetup, readOnly, theme, languageOf(options.path)];
  if (options.layout === 'split') {
    const view = new MergeView({
      a: { doc: options.before, extensions },
      b: { doc: options.after, extensions },
      parent,
      collapseUnchanged: COLLAPSE,
      gutter: true,
    });
    return { destroy: () => view.destroy() };
  }
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.after,
      extensions: [...extensions, unifiedMergeView({ original: options.before, mergeControls: false, collapseUnchanged: COLLAPSE })],
    }),
  });
  return { destroy: () => view.destroy() };
}

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
