// The form editor: the form-js editor pinned to the schema version Camunda 7.24's Tasklist renders
// (frontend/README.md). A problem of a form shows on its field.
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';

import { FormEditor } from '@bpmn-io/form-js-editor';

import { api, editorFrame, h, settings, wireEditor } from '../common.js';

async function start() {
  const frame = editorFrame({ accept: '.form,.json', fileKind: 'form' });
  frame.status.show('Loading the form…');
  const form = await api(`/forms/${encodeURIComponent(settings.key)}`);
  if (!form.ok) {
    frame.status.show(form.data.message, 'error');
    return;
  }
  frame.editor.setAttribute('aria-label', 'The form: drag fields from the left, select one to change it');
  const editor = new FormEditor({
    container: frame.editor,
    propertiesPanel: { parent: frame.properties },
    exporter: { name: 'Path to Victory plan editor', version: '1' }
  });
  const fileName = `${settings.key}.form`;
  let problems = [];
  const highlight = h('style', { id: 'plan-form-problems' });
  document.head.append(highlight);
  await editor.importSchema(form.data.schema);

  function fieldOf(id) {
    if (!id) return null;
    return editor.get('formFieldRegistry').getAll().find((f) => f.id === id || f.key === id) || null;
  }

  // fields re-render on every change, so the marks are a style rule, not classes on nodes
  function markFields() {
    const rules = problems.map((p) => fieldOf(p.elementId)).filter(Boolean)
      .map((f) => `.fjs-editor-container [data-id="${CSS.escape(f.id)}"]`);
    highlight.textContent = rules.length
      ? `${rules.join(',')} { outline: 3px solid #b00020; outline-offset: 2px; }` +
        rules.map((r) => `${r}::after`).join(',') + ' { content: "Problem: see the list"; display: block; color: #b00020; font-weight: bold; }'
      : '';
    for (const node of frame.editor.querySelectorAll('[data-id]')) {
      node.classList.toggle('deploy-problem', problems.some((p) => { const f = fieldOf(p.elementId); return f && f.id === node.dataset.id; }));
    }
  }
  editor.on('changed', () => requestAnimationFrame(markFields));

  const page = {
    async files() {
      return [{ name: fileName, content: JSON.stringify(editor.saveSchema(), null, 2), type: 'application/json' }];
    },
    async open(text, name) {
      await editor.importSchema(JSON.parse(text));
    },
    async download() {
      return [fileName, JSON.stringify(editor.saveSchema(), null, 2), 'application/json'];
    },
    showProblems(list) {
      problems = list;
      markFields();
    },
    clearProblems() {
      problems = [];
      markFields();
    },
    selectProblem(problem) {
      const field = fieldOf(problem.elementId);
      if (!field) return;
      editor.get('selection').set(field);
      const node = frame.editor.querySelector(`[data-id="${CSS.escape(field.id)}"]`);
      if (node) node.scrollIntoView({ block: 'center' });
      if (problem.property) {
        requestAnimationFrame(() => requestAnimationFrame(() =>
          editor.get('eventBus').fire('propertiesPanel.showEntry', { id: problem.property, focus: true })));
      }
    },
    compareLink: null
  };
  wireEditor(frame, page);
  frame.status.show(`Version ${settings.version ?? form.data.version} opened.`);
  window.planEditor = { editor };
  document.getElementById('plan-app').dataset.ready = 'true';
}

start();
