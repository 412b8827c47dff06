// An extension page's start, guarded. Each page wires its controls only after awaiting something (its
// words, the WASM engine, storage); a click, a key or a file chosen in between landed on a control with no
// listener yet, or was undone by the state drawn afterwards, and vanished without a word. So every control
// of a page sits in `<main inert aria-busy="true">` (inert: nothing inside can be clicked, focused or typed
// in), with a visible "Loading…" line outside it, and the page runs its start through `startPage`, which
// releases it in this one place once every listener is wired and every control shows its state.
//
// `body[data-ready]` is the signal that the page works (tests and benchmarks wait on it). A start that
// fails leaves the controls inert, since they would not work, and says why instead of "Loading…".
export async function startPage(start) {
  const main = document.querySelector('main[inert]');
  const loading = document.getElementById('page-loading');
  try {
    await start();
  } catch (e) {
    main.removeAttribute('aria-busy');
    loading.setAttribute('role', 'alert');
    loading.className = 'failed';
    loading.textContent = vipguardI18n.t('pageFailed', (e && e.message) || String(e));
    console.error(e);
    return;
  }
  main.inert = false;
  main.removeAttribute('aria-busy');
  loading.hidden = true;
  document.body.dataset.ready = 'true';
}
