// The process editor: bpmn-js with the Camunda 7 properties panel, our element templates and the
// template chooser; problems of Check and Deploy as markers, notes and a list (see ./problems.js).
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';

import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

import { api, editorFrame, settings, wireEditor } from '../common.js';
import { ProblemMarks } from './problems.js';

async function start() {
  const frame = editorFrame({ accept: '.bpmn,.xml', fileKind: 'process' });
  frame.status.show('Loading the process…');
  const [process, templates] = await Promise.all([
    api(`/processes/${encodeURIComponent(settings.key)}`),
    api('/element-templates')
  ]);
  if (!process.ok) {
    frame.status.show(process.data.message, 'error');
    return;
  }
  frame.editor.setAttribute('aria-label', 'Diagram of the process (drag to move around, use the palette to add steps)');
  const modeler = new BpmnModeler({
    container: frame.editor,
    propertiesPanel: { parent: frame.properties },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      ElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule
    ],
    moddleExtensions: { camunda: camundaModdle },
    elementTemplates: templates.ok ? templates.data : []
  });
  const fileName = `${settings.key}.bpmn`;
  await modeler.importXML(process.data.xml);
  modeler.get('canvas').zoom('fit-viewport');
  const marks = new ProblemMarks(modeler);
  const page = {
    async files() {
      const { xml } = await modeler.saveXML({ format: true });
      return [{ name: fileName, content: xml, type: 'application/xml' }];
    },
    async open(text, name) {
      const { warnings } = await modeler.importXML(text);
      modeler.get('canvas').zoom('fit-viewport');
      return warnings;
    },
    async download() {
      const { xml } = await modeler.saveXML({ format: true });
      return [fileName, xml, 'application/xml'];
    },
    showProblems: (problems) => marks.show(problems),
    clearProblems: () => marks.clear(),
    selectProblem: (problem) => marks.select(problem),
    compareLink: (from, to) => `/plan/${encodeURIComponent(settings.key)}/versions?from=${from}&to=${to}`
  };
  wireEditor(frame, page);
  frame.status.show(`Version ${settings.version ?? process.data.version} opened${process.data.deployedBy ? `, deployed by ${process.data.deployedBy}` : ''}.`);
  // for the browser tests and anyone curious in the console
  window.planEditor = { modeler };
  app().dataset.ready = 'true';
}

function app() {
  return document.getElementById('plan-app');
}

start();
