// The one script every plan page loads (a classic deferred script): it loads the module and the
// stylesheet of the page named by <main id="plan-app" data-page="...">, from the folder it came from.
import './plan.css';

const PAGES = ['bpmn', 'dmn', 'form', 'versions'];
const app = document.getElementById('plan-app');
const page = app && app.dataset.page;
if (PAGES.includes(page)) {
  const base = document.currentScript.src.replace(/[^/]*$/, '');
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = base + page + '.css';
  document.head.appendChild(link);
  const moduleUrl = base + page + '.js';
  import(/* webpackIgnore: true */ moduleUrl);
}
