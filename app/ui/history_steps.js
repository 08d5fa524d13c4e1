// One browser history entry per user action, so Back undoes the action whole.
// Streamlit pushes a history entry for every query-parameter change a script run sends (one per widget bound to
// the URL whose value Python changed), so "Centre on it", which changes the centre, the focus and the expansions,
// left two or three entries and Back stepped to a half-changed view. An action starts with the user's own input (a
// pointer press, a key, a changed field): the first push after an input stays a push, every later push replaces it
// until the next input. Pushes no input asked for (a page settling after it loads) replace the entry they land on.
// Counting inputs, not script runs, keeps this free of races: a run's messages and the page's notice that the run
// started reach the browser in either order, inputs always come before the pushes they cause.
// Installed once per tab; nothing else is touched.
const INSTALLED = "__computekgHistorySteps";
const INPUTS = ["pointerdown", "keydown", "change"];

function install() {
  const history = window.history;
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  let inputSincePush = false;
  const noteInput = () => {
    inputSincePush = true;
  };
  for (const type of INPUTS) window.addEventListener(type, noteInput, { capture: true, passive: true });
  history.pushState = (state, title, url) => {
    if (!inputSincePush) return replace(state, title, url);
    inputSincePush = false;
    return push(state, title, url);
  };
  return true;
}

export default function () {
  if (!window[INSTALLED]) window[INSTALLED] = install();
  return () => {};
}
