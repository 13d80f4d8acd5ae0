/**
 * One CodeMirror 6 editor, mounted in a shadow root: CodeMirror adds its styles as a <style> element
 * in a document, which the site's CSP (hashed styles only) would block, but as a constructed
 * stylesheet in a shadow root, which CSP allows. Light or dark follows the system setting, as the
 * site does. Tab is left unbound (CodeMirror's default), so it moves focus on and never traps it.
 */
import { html } from '@codemirror/lang-html';
import { jinja } from '@codemirror/lang-jinja';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, StateEffect, StateField } from '@codemirror/state';
import { oneDarkHighlightStyle, oneDarkTheme } from '@codemirror/theme-one-dark';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';

export interface CodeEditor {
  text: () => string;
  setText: (text: string) => void;
  /** Marks one line (1-based) as where the code failed; undefined clears the mark. */
  markLine: (line: number | undefined) => void;
  focus: () => void;
}

const setErrorLine = StateEffect.define<number | undefined>();
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next =
        line === undefined || line < 1 || line > transaction.state.doc.lines
          ? Decoration.none
          : Decoration.set([
              Decoration.line({ class: 'cm-error-line', attributes: { title: 'The failing line' } }).range(
                transaction.state.doc.line(line).from,
              ),
            ]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const light = EditorView.theme({
  '&': { backgroundColor: '#ffffff', color: '#1b1f24' },
  '.cm-gutters': { backgroundColor: '#f4f5f7', color: '#4a525c', borderRight: '1px solid #c9ced6' },
});
/**
 * One Dark, with its grey (line numbers, comments) and its coral (names) lightened to reach WCAG AA
 * 4.5:1 on its background (#282c34): One Dark's own are 3.9:1 and 4.4:1. One highlight style, so
 * no two fight over a token.
 */
const lighter: Record<string, string> = { '#7d8799': '#a9b1bd', '#e06c75': '#ef8f96' };
const darkContrast = [
  // On the elements themselves: the gutter's colour is inherited, so this wins whatever the order.
  EditorView.theme({ '.cm-gutterElement': { color: '#a9b1bd' } }, { dark: true }),
  syntaxHighlighting(
    HighlightStyle.define(
      oneDarkHighlightStyle.specs.map((spec) =>
        spec.color && lighter[spec.color] ? { ...spec, color: lighter[spec.color] } : spec,
      ),
    ),
  ),
];
const darkTheme = [oneDarkTheme, darkContrast];

const shared = EditorView.theme({
  '&': { fontSize: '0.875rem', border: '1px solid var(--border, #c9ced6)', borderRadius: '0.5rem' },
  '&.cm-focused': { outline: '3px solid var(--focus, #b34700)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'var(--mono, monospace)', maxHeight: '24rem', overflow: 'auto' },
  '.cm-error-line': { backgroundColor: 'rgba(220, 40, 40, 0.22)', boxShadow: 'inset 4px 0 #d32f2f' },
});

const dark = window.matchMedia('(prefers-color-scheme: dark)');

/** Mounts an editor for `file` in `host` (replacing its static copy of the code). */
export function mountEditor(
  host: HTMLElement,
  options: { file: string; text: string; onChange: (text: string) => void },
): CodeEditor {
  const theme = new Compartment();
  const language = options.file.endsWith('.py') ? python() : jinja({ base: html() });
  const root = host.attachShadow({ mode: 'open' });
  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        basicSetup,
        language,
        shared,
        theme.of(dark.matches ? darkTheme : light),
        errorLine,
        EditorView.lineWrapping,
        // tabindex: the content is the scroller's keyboard access (Tab reaches it anyway, being
        // editable; tools that check scrollable regions look for a tabindex).
        EditorView.contentAttributes.of({ 'aria-label': options.file, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  dark.addEventListener('change', () =>
    view.dispatch({ effects: theme.reconfigure(dark.matches ? darkTheme : light) }),
  );
  return {
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    markLine: (line) => {
      view.dispatch({ effects: setErrorLine.of(line) });
      if (line === undefined || line < 1 || line > view.state.doc.lines) return;
      // The failing line to the middle of the editor's own scroller only: CodeMirror's scrollIntoView
      // would also scroll the pane, away from the traceback the learner reads first.
      const block = view.lineBlockAt(view.state.doc.line(line).from);
      view.scrollDOM.scrollTop = block.top - view.scrollDOM.clientHeight / 2;
    },
    focus: () => view.focus(),
  };
}
