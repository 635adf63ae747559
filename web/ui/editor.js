// The code editor: CodeMirror 6 with Python highlighting; Ctrl/Cmd+Enter runs.
import { EditorView, basicSetup } from 'codemirror';
import { keymap, Decoration, WidgetType } from '@codemirror/view';
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

// step mode: each thread's current line, in the thread's colour, with a chip naming it
const setStepMarks = StateEffect.define();
const stepMarks = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setStepMarks)) deco = e.value;
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});
class Chips extends WidgetType {
  constructor(threads) {
    super();
    this.threads = threads; // [{ label, colour, current }]
  }
  eq(other) {
    return JSON.stringify(other.threads) === JSON.stringify(this.threads);
  }
  toDOM() {
    const box = document.createElement('span');
    box.className = 'cm-step-chips';
    for (const t of this.threads) {
      const chip = document.createElement('span');
      chip.className = `cm-step-chip${t.current ? ' current' : ''}`;
      chip.style.background = t.colour;
      chip.textContent = t.label;
      chip.dataset.thread = String(t.id);
      box.append(chip);
    }
    return box;
  }
  ignoreEvent() {
    return true;
  }
}
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
      stepMarks,
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
    /**
     * Step mode: mark each thread's line. threads: [{ id, line, label, colour, current }]
     * (line 0 or past the end: not shown); several threads on one line share it.
     */
    stepMarks(threads) {
      const doc = view.state.doc;
      const byLine = new Map();
      for (const t of threads) {
        if (!(t.line >= 1 && t.line <= doc.lines)) continue;
        if (!byLine.has(t.line)) byLine.set(t.line, []);
        byLine.get(t.line).push(t);
      }
      const ranges = [];
      for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
        const ts = byLine.get(line);
        const lead = ts.find((t) => t.current) || ts[0];
        const from = doc.line(line).from;
        // (the line decoration sits at the line's start, the chips at its end)
        ranges.push(Decoration.line({
          class: `cm-step-line${ts.some((t) => t.current) ? ' current' : ''}`,
          attributes: { style: `--step-colour: ${lead.colour}`, 'data-step-threads': ts.map((t) => t.id).join(' ') },
        }).range(from));
        ranges.push(Decoration.widget({ widget: new Chips(ts.map(({ id, label, colour, current }) =>
          ({ id, label, colour, current: !!current }))), side: 1 }).range(doc.line(line).to));
      }
      view.dispatch({ effects: setStepMarks.of(Decoration.set(ranges, true)) });
      const cur = threads.find((t) => t.current && t.line >= 1 && t.line <= doc.lines);
      if (cur) view.dispatch({ effects: EditorView.scrollIntoView(doc.line(cur.line).from, { y: 'nearest' }) });
    },
  };
}
