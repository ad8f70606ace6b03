// Move running campaigns (the dry run, mappings, "Move N campaigns") and make the previous version
// current again (its dry run, then the rollback). The same calls as /api/models/{key}/...
import { api, h } from '../common.js';

function dryRunTable(run) {
  const rows = run.instances || [];
  if (!rows.length) return h('p', { text: 'No campaign runs on this version.' });
  return h('div', { class: 'plan-table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Campaigns and whether they move' },
    h('table', { class: 'plan-dry-run' },
      h('thead', {}, h('tr', {}, ['Candidate', 'Group', 'Where it stands', 'Moves?'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows.map((i) => h('tr', { 'data-can-move': String(i.canMove), 'data-instance': i.processInstanceId },
        h('td', { text: i.candidate || i.businessKey || '' }),
        h('td', { text: i.group || i.groupName || i.tenantId || i.businessKey || '' }),
        h('td', { text: (i.at || []).map((t) => t.name || t.element).join(', ') }),
        h('td', {}, i.canMove
          ? h('span', { class: 'plan-moves', text: 'Moves' })
          : h('span', { class: 'plan-stays', text: 'Stays: ' + (i.obstacles || []).map((o) => o.reason).join(' ') })))))));
}

function elementChoices(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const found = [];
  for (const node of doc.getElementsByTagName('*')) {
    if (/(Task|Event|Activity|SubProcess)$/.test(node.localName) && node.getAttribute('id')) {
      found.push({ id: node.getAttribute('id'), name: node.getAttribute('name') || node.getAttribute('id') });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

export function migrationSection(base, from, to, report, newerXml) {
  const section = h('section', { class: 'plan-migration', 'aria-labelledby': 'plan-migration-title' },
    h('h2', { id: 'plan-migration-title', text: `Move running campaigns from version ${from} to version ${to}` }));
  const choices = elementChoices(newerXml);
  const suggested = report.suggestedMappings || {};
  // campaigns wait at steps and events, never on a flow
  const removed = (report.removed || []).filter((e) => !/flow/i.test(e.kind || '') && !/^Flow_/.test(e.element));
  const mappingInputs = removed.map((e, n) => {
    const id = `plan-mapping-${n}`;
    const select = h('select', { id, 'data-from': e.element },
      h('option', { value: '', text: 'Do not move campaigns waiting here' }),
      choices.map((c) => h('option', { value: c.id, selected: suggested[e.element] === c.id, text: c.name })));
    return h('div', { class: 'plan-field' },
      h('label', { for: id, text: `Campaigns waiting at "${e.name || e.element}" (removed) move to` }), select);
  });
  const result = h('div', { class: 'plan-migration-result', role: 'status', 'aria-live': 'polite' });
  const table = h('div', { class: 'plan-migration-dry-run' });
  const moveButton = h('button', { type: 'button', id: 'plan-move', class: 'plan-primary', disabled: true, text: 'Move campaigns' });

  function mappings() {
    const map = {};
    for (const select of section.querySelectorAll('select[data-from]')) {
      if (select.value) map[select.dataset.from] = select.value;
    }
    return map;
  }

  async function dryRun() {
    const map = Object.entries(mappings()).map(([a, b]) => `${a}:${b}`).join(',');
    const answer = await api(`${base}/migration?from=${from}&to=${to}${map ? `&mappings=${encodeURIComponent(map)}` : ''}`);
    if (!answer.ok) {
      table.replaceChildren(h('p', { class: 'plan-status-error', text: answer.data.message }));
      moveButton.disabled = true;
      return;
    }
    const run = answer.data;
    table.replaceChildren(h('p', { class: 'plan-summary', text: run.summary || '' }), dryRunTable(run));
    moveButton.textContent = `Move ${run.canMove} ${run.canMove === 1 ? 'campaign' : 'campaigns'}`;
    moveButton.disabled = !run.canMove;
  }

  moveButton.addEventListener('click', async () => {
    moveButton.disabled = true;
    result.textContent = 'Moving…';
    const answer = await api(`${base}/migration`, { method: 'POST', json: { from, to, mappings: mappings() } });
    result.replaceChildren(h('p', { class: answer.ok ? 'plan-status-ok' : 'plan-status-error', text: answer.ok ? answer.data.summary : answer.data.message }));
    if (answer.ok) await dryRun();
  });

  section.append(
    h('p', { text: 'First see which campaigns would move. Nothing moves until you press the Move button.' }),
    mappingInputs.length ? h('fieldset', {}, h('legend', { text: 'Steps that were removed or renamed' }), mappingInputs) : '',
    h('div', { class: 'plan-buttons' },
      h('button', { type: 'button', id: 'plan-dry-run', onclick: dryRun, text: 'See which campaigns would move' }),
      moveButton),
    table, result);
  return section;
}

export function rollbackSection(base, versions) {
  const current = versions[0];
  const previous = versions[1];
  const section = h('section', { class: 'plan-rollback', 'aria-labelledby': 'plan-rollback-title' },
    h('h2', { id: 'plan-rollback-title', text: 'Make the previous version current again' }));
  if (!previous) {
    section.append(h('p', { text: 'There is no previous version.' }));
    return section;
  }
  const table = h('div', { class: 'plan-rollback-dry-run' });
  const result = h('div', { class: 'plan-rollback-result', role: 'status', 'aria-live': 'polite' });
  const confirm = h('button', { type: 'button', id: 'plan-rollback', class: 'plan-primary', disabled: true, text: `Make version ${previous.version} current again` });

  async function dryRun() {
    const answer = await api(`${base}/rollback`);
    if (!answer.ok) {
      table.replaceChildren(h('p', { class: 'plan-status-error', text: answer.data.message }));
      return;
    }
    table.replaceChildren(h('p', { class: 'plan-summary', text: answer.data.summary || '' }), dryRunTable(answer.data));
    confirm.disabled = false;
  }

  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    result.textContent = 'Working…';
    const answer = await api(`${base}/rollback`, { method: 'POST', json: { mappings: {} } });
    result.replaceChildren(h('p', { class: answer.ok ? 'plan-status-ok' : 'plan-status-error', text: answer.ok ? answer.data.summary : answer.data.message }));
  });

  section.append(
    h('p', { text: `Version ${current.version} is current. This deploys version ${previous.version} again as a new version and moves the campaigns that can move back to it.` }),
    h('div', { class: 'plan-buttons' },
      h('button', { type: 'button', id: 'plan-rollback-dry-run', onclick: dryRun, text: 'See what would happen' }),
      confirm),
    table, result);
  return section;
}
