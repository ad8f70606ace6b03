// The task page: the task's Camunda Form in the form-js viewer, filled and submitted through
// Camunda's webapp API exactly as Tasklist does (deployed-form, form-variables, submit-form), so
// the server's rules answer the same way. A refusal is shown beside its field and the typed
// values stay; a task completed elsewhere meanwhile shows the server's sentence.
// The viewer (most of the bytes) is a chunk loaded after the first paint, so the server-rendered
// task (name, campaign, due date, guidance, buttons) shows at once on a slow phone.
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import './task.css';

const main = document.getElementById('main');
const taskId = main.dataset.task;
const api = '/camunda/api/engine/engine/default/task/' + encodeURIComponent(taskId);
const container = document.getElementById('task-form');
const status = document.getElementById('form-status');
const problem = document.getElementById('form-problem');
const complete = document.getElementById('complete');

let form = null;
let variables = {};
let valuesKeys = {};

// Camunda's CSRF token: its cookie is scoped to /camunda, so the page asks for it as Tasklist does
// (header "X-XSRF-TOKEN: Fetch" on a read) and sends it back with the submission.
let csrf = '';

async function read(url) {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-XSRF-TOKEN': 'Fetch' }
  });
  csrf = response.headers.get('X-XSRF-TOKEN') || csrf;
  return response;
}

async function getJson(path) {
  const response = await read(api + path);
  if (!response.ok) {
    throw await refusal(response);
  }
  return response.json();
}

async function refusal(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (e) {
    body = {};
  }
  const error = new Error(
    body.message || 'Something went wrong on our side. Your answers are still here; please try again.'
  );
  error.status = response.status;
  error.problems = Array.isArray(body.problems) ? body.problems : [];
  return error;
}

// Tasklist's conversions: dates as form-js reads them, JSON variables as objects, a list of
// strings behind a "values from" key as options.
function formData() {
  const data = {};
  Object.entries(variables).forEach(([name, variable]) => {
    let value = variable.value;
    if (variable.type === 'Date' && typeof value === 'string') {
      value = value.substring(0, 10);
    } else if (variable.type === 'Json' && typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (e) {
        // left as text
      }
      if (Object.values(valuesKeys).includes(name) && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        value = value.map((v) => ({ label: v, value: v }));
      }
    }
    data[name] = value;
  });
  return data;
}

function submittedVariables(data) {
  const result = {};
  Object.entries(data).forEach(([key, value]) => {
    if (value !== null && typeof value === 'object') {
      const known = variables[key] || variables[valuesKeys[key]];
      result[key] = {
        type: known ? known.type : 'Json',
        valueInfo: known ? known.valueInfo : null,
        value: JSON.stringify(value)
      };
    } else {
      result[key] = { value };
    }
  });
  return result;
}

function components(schema) {
  const all = [];
  const walk = (list) =>
    (list || []).forEach((c) => {
      all.push(c);
      walk(c.components);
    });
  walk(schema.components);
  return all;
}

function clearProblems() {
  problem.hidden = true;
  problem.textContent = '';
  container.querySelectorAll('.field-problem').forEach((p) => p.remove());
  container.querySelectorAll('[data-ptv-invalid]').forEach((input) => {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('data-ptv-invalid');
    const described = (input.getAttribute('aria-describedby') || '')
      .split(' ')
      .filter((id) => id && !id.startsWith('ptv-problem-'));
    if (described.length) {
      input.setAttribute('aria-describedby', described.join(' '));
    } else {
      input.removeAttribute('aria-describedby');
    }
  });
}

function showProblems(error, schema) {
  problem.textContent = error.message;
  problem.hidden = false;
  const byKey = {};
  components(schema).forEach((c) => {
    if (c.key) byKey[c.key] = c;
  });
  error.problems.forEach((p, i) => {
    const component = byKey[p.field];
    const input = component && container.querySelector('[id$="-' + component.id + '"]');
    const field = input && (input.closest('.fjs-form-field') || input.parentElement);
    if (!field) return;
    const note = document.createElement('p');
    note.className = 'field-problem';
    note.id = 'ptv-problem-' + i;
    note.textContent = p.reason;
    field.appendChild(note);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('data-ptv-invalid', '');
    input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + note.id).trim());
  });
  problem.focus();
}

async function submit(schema) {
  clearProblems();
  const result = form ? form.submit() : { data: {}, errors: {} };
  if (Object.keys(result.errors).length) {
    problem.textContent = 'Some answers need a look: see the notes beside the fields.';
    problem.hidden = false;
    return;
  }
  complete.disabled = true;
  status.textContent = 'Sending your answers…';
  try {
    const response = await fetch(api + '/submit-form', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrf },
      body: JSON.stringify({ variables: submittedVariables(result.data) })
    });
    if (!response.ok) {
      const error = await refusal(response);
      if (response.status === 404 || response.status === 409) {
        // gone meanwhile (completed on another device, or the campaign moved on): say what happened
        const now = await fetch('/tasks/' + encodeURIComponent(taskId) + '/status', {
          credentials: 'same-origin',
          headers: { Accept: 'application/json' }
        }).then((r) => r.json()).catch(() => null);
        if (now && !now.open && now.sentence) {
          error.message = now.sentence;
          error.status = 409;
        }
      }
      throw error;
    }
    status.textContent = 'Done, thank you!';
    window.location.assign('/tasks?done=' + encodeURIComponent(taskId));
  } catch (error) {
    status.textContent = '';
    complete.disabled = error.status === 409 || error.status === 404;
    showProblems(error, schema);
  }
}

// after the browser painted the server-rendered page: the next frame, then the next task
function afterFirstPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function loadViewer() {
  await afterFirstPaint();
  try {
    const { Form } = await import('./viewer.js');
    // a new task for drawing the form, so loading the viewer and drawing are two shorter tasks
    await new Promise((resolve) => setTimeout(resolve, 0));
    return Form;
  } catch (e) {
    throw new Error('The form could not be loaded. Please check your connection and open this page again.');
  }
}

// flatpickr gives its phone date input tabindex="1" (whenever it draws it), which puts it before
// everything else on the page in the keyboard order (WCAG 2.4.3): the input's place in the page it is.
function keepFocusOrder() {
  const fix = () =>
    container.querySelectorAll('[tabindex]').forEach((e) => {
      if (e.tabIndex > 0) e.removeAttribute('tabindex');
    });
  new MutationObserver(fix).observe(container, { subtree: true, childList: true, attributeFilter: ['tabindex'] });
  fix();
}

async function start() {
  problem.setAttribute('tabindex', '-1');
  let schema = { components: [] };
  try {
    if (container) {
      const viewer = loadViewer();
      viewer.catch(() => {}); // reported below, once the form's answers are read
      // one after the other: the first request may create the session's CSRF token, and two
      // requests creating it at once would collide in the shared session store
      schema = await getJson('/deployed-form');
      variables = await getJson('/form-variables');
      valuesKeys = components(schema).reduce((keys, c) => {
        if (c.key && c.valuesKey) keys[c.key] = c.valuesKey;
        return keys;
      }, {});
      const Form = await viewer;
      keepFocusOrder();
      form = new Form({ container });
      await form.importSchema(schema, formData());
    } else {
      // a task without a form still needs the session's CSRF token before it can be completed
      await read(api);
    }
    complete.disabled = false;
  } catch (error) {
    problem.textContent = error.message;
    problem.hidden = false;
    return;
  }
  complete.addEventListener('click', () => submit(schema));
}

start();
