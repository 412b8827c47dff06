// An extension page's start, guarded. Each page wires its controls only after awaiting something (its
// words, the WASM engine, storage); a click, a key or a file chosen in between landed on a control with no
// listener yet, or was undone by the state drawn afterwards, and vanished without a word. So every control
// of a page sits in `<main inert aria-busy="true">` (inert: nothing inside can be clicked, focused or typed
// in), with a visible "Loading…" line outside it, and the page runs its start through `startPage`, which
// releases it in this one place once every listener is wired and every control shows its state.
//
// `body[data-ready]` is the signal that the page works (tests and benchmarks wait on it).
//
// A page must never stay locked: the controls that repair a bad state (the options page's Import, the
// queue's "Empty the queue") are the ones a failed start needs most. So the start calls `wired()` once its
// listeners are in place; a start that fails, or has not finished after START_TIMEOUT_MS, says why as an
// alert where "Loading…" was and releases the page if its controls are wired (ones without listeners stay
// inert: a click on them would vanish). A start that finishes after the timeout still readies the page.
//
// The alert's advice follows the cause: a start that is only slow is said as such (`pageTimedOut`); a
// failure whose words already say what to do (a FixableFailure: "import a list to replace it") is said
// without more; anything else (an engine or a script that does not load) is a damaged install, and the
// advice is to reload the page, then reinstall (`pageFailed`).
export const START_TIMEOUT_MS = 20000;

// A failure whose message tells the reviewer how to repair it, in their language.
export class FixableFailure extends Error {}

export async function startPage(start) {
  const main = document.querySelector('main[inert]');
  const loading = document.getElementById('page-loading');
  let wired = false;
  let settled = false;
  // The browser's words at once ("Loading…", and what a page released by the timeout shows), until the
  // start's own catalogue (the language chosen in the options) redraws them.
  vipguardI18n.localize();
  const say = (words) => {
    main.removeAttribute('aria-busy');
    if (wired) main.inert = false;
    loading.setAttribute('role', 'alert');
    loading.className = 'failed';
    loading.textContent = words;
  };
  const timer = setTimeout(() => {
    if (!settled) say(vipguardI18n.t('pageTimedOut', START_TIMEOUT_MS / 1000));
  }, START_TIMEOUT_MS);
  try {
    await start(() => { wired = true; });
  } catch (e) {
    settled = true;
    clearTimeout(timer);
    say(e instanceof FixableFailure ? vipguardI18n.t('pageFailedFixable', e.message) : vipguardI18n.t('pageFailed', (e && e.message) || String(e)));
    console.error(e);
    return;
  }
  settled = true;
  clearTimeout(timer);
  main.inert = false;
  main.removeAttribute('aria-busy');
  loading.hidden = true;
  document.body.dataset.ready = 'true';
}
