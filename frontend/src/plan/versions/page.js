// Compare two versions of a process side by side and move running campaigns between them.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

import { api, app, h, mount, settings, statusLine, when } from '../common.js';
import { migrationSection, rollbackSection } from './migration.js';

const KINDS = {
  added: { marker: 'diff-added', badge: '+ Added', legend: 'Added in the newer version (green, "+")' },
  removed: { marker: 'diff-removed', badge: '− Removed', legend: 'Removed from the older version (red, "−")' },
  changed: { marker: 'diff-changed', badge: '~ Changed', legend: 'Changed (amber, "~")' }
};

const key = settings.key;
const base = `/processes/${encodeURIComponent(key)}`;

async function start() {
  const status = statusLine();
  mount(status.element);
  const listed = await api(`${base}/versions`);
  if (!listed.ok) {
    status.show(listed.data.message, 'error');
    return;
  }
  const versions = [...listed.data.versions].sort((a, b) => b.version - a.version);
  app.append(versionList(versions));
  if (versions.length < 2) {
    app.append(h('p', { text: 'There is only one version, so there is nothing to compare yet.' }));
    app.append(rollbackSection(base, versions));
    app.dataset.ready = 'true';
    return;
  }
  const params = new URLSearchParams(location.search);
  const newest = versions[0].version;
  const to = Number(params.get('to')) || newest;
  const from = Number(params.get('from')) || (versions.find((v) => v.version < to) || versions[1]).version;
  const fromSelect = versionSelect('plan-compare-from', versions, from);
  const toSelect = versionSelect('plan-compare-to', versions, to);
  const comparison = h('div', { id: 'plan-comparison' });
  const form = h('form', { class: 'plan-compare-form', onsubmit: (e) => { e.preventDefault(); compare(); } },
    h('h2', { text: 'Compare two versions' }),
    h('div', { class: 'plan-field' }, h('label', { for: 'plan-compare-from', text: 'Older version' }), fromSelect),
    h('div', { class: 'plan-field' }, h('label', { for: 'plan-compare-to', text: 'Newer version' }), toSelect),
    h('button', { type: 'submit', id: 'plan-compare', text: 'Compare' }));
  app.append(form, comparison);

  async function compare() {
    const a = Number(fromSelect.value);
    const b = Number(toSelect.value);
    comparison.replaceChildren(h('p', { text: 'Comparing…' }));
    const [changes, before, after] = await Promise.all([
      api(`${base}/changes?from=${a}&to=${b}`),
      api(`${base}/versions/${a}/xml`),
      api(`${base}/versions/${b}/xml`)
    ]);
    const failed = [changes, before, after].find((r) => !r.ok);
    if (failed) {
      comparison.replaceChildren(h('p', { class: 'plan-status-error', text: failed.data.message }));
      return;
    }
    const report = changes.data;
    const left = h('div', { class: 'plan-diagram', role: 'img', 'aria-label': `Version ${a}, the changes marked` });
    const right = h('div', { class: 'plan-diagram', role: 'img', 'aria-label': `Version ${b}, the changes marked` });
    comparison.replaceChildren(
      h('p', { class: 'plan-summary', text: report.summary || '' }),
      legend(),
      h('div', { class: 'plan-side-by-side' },
        h('figure', {}, h('figcaption', { text: `Version ${a} (older)` }), left),
        h('figure', {}, h('figcaption', { text: `Version ${b} (newer)` }), right)),
      changeList(report),
      migrationSection(base, a, b, report, after.data.xml),
      rollbackSection(base, versions));
    const older = await show(left, before.data.xml);
    const newer = await show(right, after.data.xml);
    for (const e of report.added || []) mark(newer, e.element, 'added');
    for (const e of report.removed || []) mark(older, e.element, 'removed');
    for (const e of report.changed || []) {
      mark(newer, e.element, 'changed');
      mark(older, e.previousElement || e.element, 'changed');
    }
    app.dataset.compared = `${a}-${b}`;
  }

  await compare();
  app.dataset.ready = 'true';
}

function versionList(versions) {
  return h('section', { 'aria-labelledby': 'plan-versions-title' },
    h('h2', { id: 'plan-versions-title', text: 'Versions' }),
    h('ul', { class: 'plan-version-list' }, versions.map((v) =>
      h('li', { 'data-version': v.version },
        h('strong', { text: `Version ${v.version}` }),
        v.newest ? ' (current)' : '',
        h('span', { class: 'plan-version-meta', text: ` deployed by ${v.deployedBy || 'someone unknown'} on ${when(v.deployedAt)}` }),
        v.description ? h('span', { class: 'plan-version-description', text: ` — ${v.description}` }) : '',
        h('span', { class: 'plan-version-running', text: ` · ${v.runningCampaigns ?? v.runningInstances ?? 0} running campaigns` })))));
}

function versionSelect(id, versions, selected) {
  return h('select', { id }, versions.map((v) =>
    h('option', { value: v.version, selected: v.version === selected, text: `Version ${v.version}` })));
}

function legend() {
  return h('ul', { class: 'plan-legend', 'aria-label': 'What the marks mean' },
    Object.values(KINDS).map((k) => h('li', {}, h('span', { class: `plan-legend-swatch ${k.marker}`, 'aria-hidden': 'true', text: k.badge.slice(0, 1) }), ' ', k.legend)));
}

function changeList(report) {
  const items = [
    ...(report.added || []).map((e) => ['added', e.name || e.element, e.description]),
    ...(report.removed || []).map((e) => ['removed', e.name || e.element, e.description]),
    ...(report.changed || []).map((e) => ['changed', e.name || e.element,
      e.description || (e.differences || []).map((d) => `${d.what}: ${d.before ?? 'none'} → ${d.after ?? 'none'}`).join('; ')])
  ];
  return h('section', { 'aria-labelledby': 'plan-changes-title' },
    h('h2', { id: 'plan-changes-title', text: 'What changed' }),
    items.length
      ? h('ul', { class: 'plan-change-list' }, items.map(([kind, name, text]) =>
        h('li', { class: `plan-change plan-change-${kind}`, 'data-kind': kind },
          h('span', { class: `plan-badge ${KINDS[kind].marker}`, text: KINDS[kind].badge }), ' ',
          h('strong', { text: name }), text ? ` — ${text}` : '')))
      : h('p', { text: 'The two versions have the same steps.' }));
}

async function show(container, xml) {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  viewer.get('canvas').zoom('fit-viewport');
  return viewer;
}

function mark(viewer, elementId, kind) {
  const registry = viewer.get('elementRegistry');
  const shape = registry.get(elementId);
  if (!shape) return;
  viewer.get('canvas').addMarker(elementId, KINDS[kind].marker);
  const badge = document.createElement('span');
  badge.className = `plan-badge ${KINDS[kind].marker}`;
  badge.textContent = KINDS[kind].badge;
  viewer.get('overlays').add(elementId, 'diff', { position: { top: -14, left: 0 }, html: badge });
}

start();
