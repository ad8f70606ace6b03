// Tasklist plugin (plugin point tasklist.navbar.action): "Campaign board" and "My settings" in the
// header. The board and the settings page send a volunteer who is not signed in here with
// ?returnTo=/board (or /me, or a phone task page /tasks/... through /sign-in's "Sign in with your
// password"); once the sign-in succeeds, this script takes them back.
const RETURN_PATHS = /^\/(board|me|tasks)(\/[A-Za-z0-9._/-]*)?(\?[A-Za-z0-9=&%._-]*)?$/;

function returnAfterSignIn() {
  const params = new URLSearchParams(window.location.search);
  const target = params.get('returnTo');
  if (!target || !RETURN_PATHS.test(target)) {
    return;
  }
  const check = () =>
    fetch('/camunda/api/admin/auth/user/default', { credentials: 'same-origin' })
      .then((response) => {
        if (response.ok) {
          window.location.replace(target);
        } else {
          window.setTimeout(check, 1000);
        }
      })
      .catch(() => window.setTimeout(check, 2000));
  check();
}

returnAfterSignIn();

function link(href, text, id) {
  const a = document.createElement('a');
  a.href = href;
  a.id = id;
  a.textContent = text;
  a.style.marginRight = '12px';
  return a;
}

export default [
  {
    id: 'ptv-board-links',
    pluginPoint: 'tasklist.navbar.action',
    priority: 200,
    render: (node) => {
      node.appendChild(link('/board', 'Campaign board', 'ptv-board-link'));
      node.appendChild(link('/me', 'My settings', 'ptv-settings-link'));
    }
  }
];
