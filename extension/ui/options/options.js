// The options page: the protected list, settings, and the audit log, one module per section.
import init from '../../pkg/vipguard.js';
import { renderList, setupListEditor } from './list-editor.js';
import { renderSettings, setupSettings, accessChanged } from './settings-panel.js';
import { renderAudit, setupAuditPanel } from './audit-panel.js';
import { renderFeed, setupFeed } from './feed-panel.js';
import { startPage } from '../page-ready.js';

async function main(wired) {
  await vipguardI18n.ready();
  await init({ module_or_path: new URL('../../pkg/vipguard_bg.wasm', import.meta.url) });
  setupListEditor();
  setupSettings();
  setupAuditPanel();
  setupFeed();
  // The organisation's policy changed while the page is open: the sections it locks drawn again.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') Promise.all([renderSettings(), renderFeed()]).catch((e) => console.error(e));
  });
  // Access granted or taken back, also elsewhere (the browser's extensions page): the settings drawn again,
  // for Mastodon's switch, its access line and its "Allow access" button (settings-panel.js).
  const redraw = () => accessChanged().catch((e) => console.error(e));
  chrome.permissions.onAdded.addListener(redraw);
  chrome.permissions.onRemoved.addListener(redraw);
  wired();
  // Each section drawn even if one before it fails (a stored list that cannot be read must not keep the
  // settings undrawn); the first failure is then the page's (page-ready.js says it and releases the page,
  // so that Import, which would repair a bad list, can be used).
  let failure = null;
  for (const render of [renderList, renderSettings, renderAudit, renderFeed]) {
    try {
      await render();
    } catch (e) {
      console.error(e);
      failure = failure || e;
    }
  }
  if (failure) throw failure;
}
// The page stays inert until every section is wired and shows its state (page-ready.js): a control
// changed earlier would be lost, or undone by the state drawn after it.
startPage(main);
