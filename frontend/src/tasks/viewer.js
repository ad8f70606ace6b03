// The form-js viewer alone, so task.js can load it after the page's first paint (a chunk of its own).
export { Form } from '@bpmn-io/form-js-viewer';
