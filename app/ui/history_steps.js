// One browser history entry per user action, so Back undoes the action whole.
// Streamlit pushes a history entry for every query-parameter change a script run sends (one per widget bound to
// the URL whose value Python changed), so "Centre on it", which changes the centre, the focus and the expansions,
// left two or three entries and Back stepped to a half-changed view. Here the first push of a script run stays a
// push and later pushes of the same run replace it. Installed once per tab; nothing else is touched.
const INSTALLED = "__computekgHistorySteps";

function install() {
  const history = window.history;
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  let run = 0;
  let pushedInRun = -1;
  let running = false;
  const watch = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) return false;
    new MutationObserver(() => {
      const now = app.getAttribute("data-test-script-state") === "running";
      if (now && !running) run += 1;
      running = now;
    }).observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
    return true;
  };
  if (!watch()) return false;
  history.pushState = (state, title, url) => {
    if (pushedInRun === run) return replace(state, title, url);
    pushedInRun = run;
    return push(state, title, url);
  };
  document.documentElement.setAttribute("data-history-steps", "1");
  return true;
}

export default function () {
  if (!window[INSTALLED]) window[INSTALLED] = install();
  return () => {};
}
