// What every plan page shares: the settings the shell carries, JSON calls with the session's
// CSRF header, a tiny element builder, and the editor toolbar (Open a file, Download, Check, Deploy).

export const app = document.getElementById('plan-app');

export const settings = {
  page: app.dataset.page,
  key: app.dataset.key,
  version: app.dataset.version ? Number(app.dataset.version) : null,
  api: app.dataset.api || '/plan/api',
  csrf: app.dataset.csrf
};

/** Calls /plan/api; never throws: answers {ok, status, data}, data.message a sentence on refusal. */
export async function api(path, { method = 'GET', json, form } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-PTV-CSRF'] = settings.csrf;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  let response;
  try {
    response = await fetch(settings.api + path, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    return { ok: false, status: 0, data: { message: 'The server could not be reached. Check your connection and try again.' } };
  }
  let data;
  try {
    data = await response.json();
  } catch (e) {
    data = {};
  }
  if (!response.ok && !data.message) {
    data.message = response.status === 401
      ? 'You are signed out. Reload the page to sign in again.'
      : `The server refused this (status ${response.status}).`;
  }
  return { ok: response.ok, status: response.status, data };
}

/** h('button', {type: 'button', onclick}, 'Text'): attributes, properties (on*) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function downloadFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Puts the page's parts into #plan-app after the shell's heading (which stays). */
export function mount(...nodes) {
  for (const child of [...app.children]) {
    if (child.tagName !== 'H1') child.remove();
  }
  app.append(...nodes);
}

/** A status line read out by screen readers; kind: 'info' | 'ok' | 'error'. */
export function statusLine() {
  const element = h('div', { class: 'plan-status', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    show(text, kind = 'info', ...extra) {
      element.replaceChildren(h('p', { class: 'plan-status-' + kind, text }), ...extra);
    },
    clear() {
      element.replaceChildren();
    }
  };
}

/**
 * The editor frame: toolbar, status, the workspace (left for the editor, right for problems and
 * properties) and the deploy dialog. The page supplies:
 *  - files(): [{name, content, type}] to check and deploy
 *  - open(text, fileName): load a file the organizer picked
 *  - download(): [name, text, type]
 *  - showProblems(problems) / clearProblems(): marks on the diagram or form
 *  - selectProblem(problem): select the element and open the wrong property
 *  - compareLink(newerVersion): where "Compare versions" goes (or null)
 */
export function editorFrame({ accept, fileKind }) {
  const status = statusLine();
  const fileInput = h('input', { type: 'file', id: 'plan-open-file', accept, class: 'plan-file-input' });
  const toolbar = h('div', { class: 'plan-toolbar', role: 'toolbar', 'aria-label': 'Editor actions' },
    h('span', { class: 'plan-open' },
      h('label', { for: 'plan-open-file', text: 'Open a file' }),
      fileInput),
    h('button', { type: 'button', id: 'plan-download', text: 'Download' }),
    h('button', { type: 'button', id: 'plan-check', text: 'Check' }),
    h('button', { type: 'button', id: 'plan-deploy', class: 'plan-primary', text: 'Deploy' }));
  const problemsList = h('div', { id: 'plan-problems-list' });
  const problems = h('section', { class: 'plan-problems', 'aria-labelledby': 'plan-problems-title' },
    h('h2', { id: 'plan-problems-title', text: 'Problems' }),
    problemsList);
  const editor = h('div', { class: 'plan-editor', id: 'plan-editor' });
  const properties = h('div', { class: 'plan-properties', id: 'plan-properties', 'aria-label': 'Properties of the selected ' + fileKind });
  const side = h('aside', { class: 'plan-side', 'aria-label': 'Problems and properties' }, problems, properties);
  const workspace = h('div', { class: 'plan-workspace' }, editor, side);

  const description = h('input', { type: 'text', id: 'plan-deploy-description', name: 'description', maxlength: '200', required: true, autocomplete: 'off' });
  const dialogError = h('p', { class: 'plan-dialog-error', id: 'plan-deploy-error', role: 'alert' });
  const confirm = h('button', { type: 'submit', class: 'plan-primary', id: 'plan-deploy-confirm', text: 'Deploy' });
  const cancel = h('button', { type: 'button', id: 'plan-deploy-cancel', text: 'Cancel' });
  const dialogForm = h('form', { method: 'dialog' },
    h('h2', { id: 'plan-deploy-title', text: 'Deploy this ' + fileKind }),
    h('label', { for: 'plan-deploy-description', text: 'What did you change? (one line, shown in the list of versions)' }),
    description, dialogError,
    h('div', { class: 'plan-dialog-buttons' }, confirm, cancel));
  const dialog = h('dialog', { id: 'plan-deploy-dialog', 'aria-labelledby': 'plan-deploy-title' }, dialogForm);

  mount(toolbar, status.element, workspace, dialog);
  return { toolbar, fileInput, status, problemsList, editor, properties, dialog, dialogForm, description, dialogError, cancel };
}

/** Wires Open a file, Download, Check and Deploy of an editor page. */
export function wireEditor(frame, page) {
  const { fileInput, status, problemsList, dialog, dialogForm, description, dialogError, cancel } = frame;
  let basedOnVersion = settings.version;

  function listProblems(problems) {
    page.clearProblems();
    if (!problems.length) {
      problemsList.replaceChildren(h('p', { class: 'plan-no-problems', text: 'No problems found.' }));
      return;
    }
    page.showProblems(problems);
    problemsList.replaceChildren(h('ol', { class: 'plan-problem-list' }, problems.map((problem) =>
      h('li', {},
        h('button', {
          type: 'button',
          class: 'plan-problem',
          'data-element-id': problem.elementId || '',
          onclick: () => page.selectProblem(problem)
        },
        h('strong', { text: problem.element || problem.resource || 'The file' }),
        ' ',
        h('span', { text: problem.reason }))))));
  }

  async function formOf(extra = {}) {
    const form = new FormData();
    for (const file of await page.files()) {
      form.append('files', new Blob([file.content], { type: file.type }), file.name);
    }
    for (const [name, value] of Object.entries(extra)) {
      if (value !== undefined && value !== null) form.append(name, String(value));
    }
    return form;
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files[0];
    if (!file) return;
    try {
      await page.open(await file.text(), file.name);
      listProblems([]);
      problemsList.replaceChildren();
      status.show(`Opened ${file.name}. Check it, then deploy.`, 'info');
    } catch (e) {
      status.show(`${file.name} could not be opened: ${e.message}`, 'error');
    }
    fileInput.value = '';
  });

  document.getElementById('plan-download').addEventListener('click', async () => {
    const [name, text, type] = await page.download();
    downloadFile(name, text, type);
  });

  document.getElementById('plan-check').addEventListener('click', async () => {
    status.show('Checking…');
    const answer = await api('/check', { method: 'POST', form: await formOf({ basedOnVersion }) });
    if (!answer.ok) {
      status.show(answer.data.message, 'error');
      return;
    }
    const problems = answer.data.problems || [];
    listProblems(problems);
    status.show(problems.length
      ? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} found. Nothing was deployed.`
      : 'No problems found. You can deploy.', problems.length ? 'error' : 'ok');
  });

  document.getElementById('plan-deploy').addEventListener('click', () => {
    dialogError.textContent = '';
    dialog.showModal();
    description.focus();
  });
  cancel.addEventListener('click', () => dialog.close());

  async function deploy(text, force) {
    status.show('Deploying…');
    const answer = await api('/deploy', {
      method: 'POST',
      form: await formOf({ description: text, basedOnVersion, force: force ? 'true' : undefined })
    });
    if (answer.ok) {
      basedOnVersion = answer.data.version;
      settings.version = answer.data.version;
      listProblems([]);
      status.show(`Version ${answer.data.version} deployed.`, 'ok');
      return;
    }
    if (answer.status === 409) {
      const extra = [];
      const compare = page.compareLink && page.compareLink(basedOnVersion, answer.data.newerVersion);
      if (compare) extra.push(h('a', { href: compare, class: 'plan-button-link', target: '_blank', rel: 'noopener', text: 'Compare versions' }));
      extra.push(h('button', { type: 'button', id: 'plan-deploy-anyway', onclick: () => deploy(text, true), text: 'Deploy anyway' }));
      status.show(answer.data.message, 'error', h('div', { class: 'plan-status-actions' }, extra));
      return;
    }
    if (answer.data.problems) listProblems(answer.data.problems);
    status.show(answer.data.message, 'error');
  }

  dialogForm.addEventListener('submit', (event) => {
    const text = description.value.trim();
    if (!text || text.length > 200 || /[\r\n]/.test(text)) {
      event.preventDefault();
      dialogError.textContent = 'Describe your change in one line (at most 200 characters).';
      description.setAttribute('aria-describedby', 'plan-deploy-error');
      description.focus();
      return;
    }
    dialog.close();
    description.value = '';
    deploy(text, false);
  });

  return { listProblems, status };
}
