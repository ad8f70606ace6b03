// The decision editor: dmn-js (decision requirements diagram and decision tables).
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';

import DmnModeler from 'dmn-js/lib/Modeler';

import { api, editorFrame, h, settings, wireEditor } from '../common.js';

async function start() {
  const frame = editorFrame({ accept: '.dmn,.xml', fileKind: 'decision' });
  frame.properties.remove();
  frame.status.show('Loading the decision…');
  const decision = await api(`/decisions/${encodeURIComponent(settings.key)}`);
  if (!decision.ok) {
    frame.status.show(decision.data.message, 'error');
    return;
  }
  frame.editor.setAttribute('aria-label', 'The decision and its table');
  const modeler = new DmnModeler({ container: frame.editor });
  const fileName = `${settings.key}.dmn`;
  let problems = [];
  await modeler.importXML(decision.data.xml);
  const openFirstTable = () => {
    const table = modeler.getViews().find((v) => v.type === 'decisionTable');
    if (table) return modeler.open(table);
  };
  await openFirstTable();

  function markActive() {
    const viewer = modeler.getActiveViewer();
    const active = modeler.getActiveView();
    document.querySelectorAll('.plan-dmn-problem-note').forEach((n) => n.remove());
    if (!viewer || !active) return;
    for (const problem of problems) {
      if (active.type === 'drd') {
        const registry = viewer.get('elementRegistry');
        if (problem.elementId && registry.get(problem.elementId)) viewer.get('canvas').addMarker(problem.elementId, 'deploy-problem');
      } else if (problem.elementId === active.element.id || !problem.elementId) {
        frame.editor.prepend(h('p', { class: 'plan-dmn-problem-note plan-problem-note', text: problem.reason }));
      } else {
        const cell = frame.editor.querySelector(`[data-row-id="${CSS.escape(problem.elementId)}"], [data-col-id="${CSS.escape(problem.elementId)}"], [data-element-id="${CSS.escape(problem.elementId)}"]`);
        if (cell) cell.classList.add('deploy-problem');
      }
    }
  }
  modeler.on('views.changed', () => requestAnimationFrame(markActive));

  const page = {
    async files() {
      const { xml } = await modeler.saveXML({ format: true });
      return [{ name: fileName, content: xml, type: 'application/xml' }];
    },
    async open(text, name) {
      await modeler.importXML(text);
      await openFirstTable();
    },
    async download() {
      const { xml } = await modeler.saveXML({ format: true });
      return [fileName, xml, 'application/xml'];
    },
    showProblems(list) {
      problems = list;
      markActive();
    },
    clearProblems() {
      problems = [];
      document.querySelectorAll('.deploy-problem').forEach((n) => n.classList.remove('deploy-problem'));
      markActive();
    },
    async selectProblem(problem) {
      const view = modeler.getViews().find((v) => v.element.id === problem.elementId) ||
        modeler.getViews().find((v) => v.type === 'drd');
      if (view) await modeler.open(view);
      markActive();
    },
    compareLink: null
  };
  wireEditor(frame, page);
  frame.status.show(`Version ${settings.version ?? decision.data.version} opened.`);
  window.planEditor = { modeler };
  document.getElementById('plan-app').dataset.ready = 'true';
}

start();
