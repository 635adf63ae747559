// The code editor: CodeMirror 6 with Python highlighting; Ctrl/Cmd+Enter runs.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
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
  };
}
