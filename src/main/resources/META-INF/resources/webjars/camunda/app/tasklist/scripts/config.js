// Path to Victory's Tasklist configuration (replaces Camunda's default scripts/config.js, which
// only holds comments and the keyboard shortcuts kept below). ptv/board-links.js adds the links
// to the campaign board and the settings page to Tasklist's header, and sends a volunteer back
// to the page they came from after signing in.
export default {
  customScripts: ['ptv/board-links'],
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
