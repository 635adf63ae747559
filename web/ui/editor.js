// The code editor: CodeMirror 6 with Python highlighting; Ctrl/Cmd+Enter runs.
import { EditorView, basicSetup } from 'codemirror';
import { keymap, Decoration } from '@codemirror/view';
import { StateField, StateEffect } from '@codemirror/state';

// lines marked from outside (the Threads panel: where each thread was at a clicked moment)
const setMarks = StateEffect.define();
const marks = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setMarks)) deco = e.value;
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});
const marked = Decoration.line({ class: 'cm-viz-line' });
import { indentWithTab } from '@codemirror/commands';
import { indentUnit } from '@codemirror/language';
import { python } from '@codemirror/lang-python';

export function createEditor(parent, { onRun, onChange }) {
  const view = new EditorView({
    parent,
    extensions: [
      keymap.of([
        { key: 'Mod-Enter', run: () => (onRun(), true) },
        { key: 'Shift-Enter', run: () => (onRun(), true) },
        indentWithTab,
      ]),
      basicSetup,
      marks,
      python(),
      indentUnit.of('    '),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange();
      }),
      EditorView.contentAttributes.of({ 'aria-label': 'Python script' }),
    ],
  });
  return {
    view,
    code: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus: () => view.focus(),
    /** Highlight these 1-based line numbers (those past the end are left out). */
    highlight(lines) {
      const doc = view.state.doc;
      const wanted = [...new Set(lines)].filter((n) => n >= 1 && n <= doc.lines).sort((a, b) => a - b);
      const deco = Decoration.set(wanted.map((n) => marked.range(doc.line(n).from)));
      view.dispatch({ effects: setMarks.of(deco) });
    },
  };
}
