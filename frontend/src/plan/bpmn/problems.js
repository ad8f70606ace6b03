// Problems on the diagram: a `deploy-problem` marker and a note on each element, and on the
// shape an organizer can see when the element sits inside a collapsed sub-process (the
// sub-process) or is a process of a collaboration (its participant).

const PROPERTY_PATHS = {
  formKey: [['camunda:formRef'], ['camunda:formKey'], ['formRef'], ['formKey']],
  name: [['name']]
};
const PROPERTY_ENTRIES = { formKey: ['formRef', 'formKey', 'formType'] };

export class ProblemMarks {
  constructor(modeler) {
    this.modeler = modeler;
    this.canvas = modeler.get('canvas');
    this.overlays = modeler.get('overlays');
    this.registry = modeler.get('elementRegistry');
    this.eventBus = modeler.get('eventBus');
    this.marked = [];
    this.problems = [];
    // the panel shows the reason on the wrong entry of the selected element
    this.eventBus.on('selection.changed', ({ newSelection }) => this._panelErrors(newSelection[0]));
  }

  clear() {
    for (const id of this.marked) {
      if (this.registry.get(id)) this.canvas.removeMarker(id, 'deploy-problem');
    }
    this.overlays.remove({ type: 'deploy-problem' });
    this.marked = [];
    this.problems = [];
    this.eventBus.fire('propertiesPanel.setErrors', { errors: {} });
  }

  show(problems) {
    this.problems = problems;
    const notes = new Map();
    for (const problem of problems) {
      for (const { shape, inside } of this._visible(problem.elementId)) {
        const list = notes.get(shape.id) || [];
        list.push(inside ? `Inside ${inside}: ${problem.reason}` : problem.reason);
        notes.set(shape.id, list);
      }
    }
    for (const [id, reasons] of notes) {
      this.canvas.addMarker(id, 'deploy-problem');
      this.marked.push(id);
      const note = document.createElement('div');
      note.className = 'plan-problem-note';
      note.textContent = reasons.join(' ');
      this.overlays.add(id, 'deploy-problem', { position: { top: -8, left: 0 }, html: note });
    }
  }

  select(problem) {
    const shape = this._shape(problem.elementId);
    if (!shape) return;
    const root = this._rootOf(shape);
    if (root && root !== this.canvas.getRootElement()) this.canvas.setRootElement(root);
    this.modeler.get('selection').select(shape);
    this.canvas.scrollToElement(shape);
    const entry = this._entryId(shape, problem.property);
    if (entry) {
      // the panel renders the selected element first, then opens the entry
      requestAnimationFrame(() => requestAnimationFrame(() =>
        this.eventBus.fire('propertiesPanel.showEntry', { id: entry, focus: true })));
    }
  }

  _panelErrors(shape) {
    const errors = {};
    for (const problem of this.problems) {
      if (shape && problem.elementId === shape.id && problem.property) {
        const entry = this._entryId(shape, problem.property);
        if (entry) errors[entry] = problem.reason;
      }
    }
    requestAnimationFrame(() => this.eventBus.fire('propertiesPanel.setErrors', { errors }));
  }

  _entryId(shape, property) {
    if (!property) return null;
    let panel;
    try {
      panel = this.modeler.get('propertiesPanel');
    } catch (e) {
      return property;
    }
    const paths = PROPERTY_PATHS[property] || [[`camunda:${property}`], [property]];
    for (const path of paths) {
      const id = panel.getEntryId && panel.getEntryId(shape, path);
      if (id) return id;
    }
    return (PROPERTY_ENTRIES[property] || [property])[0];
  }

  /** The shape of an element id: the element itself, or the participant of a process. */
  _shape(elementId) {
    if (!elementId) return null;
    const direct = this.registry.get(elementId);
    if (direct && !direct.labelTarget) return direct;
    return this.registry.find((e) => e.businessObject && e.businessObject.processRef &&
      e.businessObject.processRef.id === elementId) || null;
  }

  _rootOf(shape) {
    let current = shape;
    while (current.parent) current = current.parent;
    return current;
  }

  /** Where to mark: the shape, and each collapsed sub-process around it up to the top plane. */
  _visible(elementId) {
    const shape = this._shape(elementId);
    if (!shape) {
      // a problem of the process as a whole: mark the top level's first participant, if any
      const root = this.canvas.getRootElement();
      return root && root.businessObject && root.businessObject.$type === 'bpmn:Collaboration'
        ? [] : [];
    }
    const marks = [{ shape }];
    let root = this._rootOf(shape);
    let guard = 0;
    while (root && root.businessObject && root.id !== this._topRoot().id && guard++ < 20) {
      // a plane of a collapsed sub-process: its shape on the plane above is `<id>` of the business object
      const outer = this.registry.get(root.businessObject.id);
      if (!outer || outer === shape) break;
      marks.push({ shape: outer, inside: outer.businessObject.name || outer.id });
      root = this._rootOf(outer);
    }
    return marks;
  }

  _topRoot() {
    const roots = this.canvas.getRootElements ? this.canvas.getRootElements() : [this.canvas.getRootElement()];
    const definitions = this.modeler.getDefinitions();
    const firstDiagramPlane = definitions.diagrams && definitions.diagrams[0] && definitions.diagrams[0].plane;
    const top = firstDiagramPlane && roots.find((r) => r.businessObject === firstDiagramPlane.bpmnElement);
    return top || roots[0];
  }
}
