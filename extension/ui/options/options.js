// The options page: the protected list, settings, and the audit log, one module per section.
import init from '../../pkg/vipguard.js';
import { renderList, setupListEditor } from './list-editor.js';
import { renderSettings, setupSettings } from './settings-panel.js';
import { renderAudit, setupAuditPanel } from './audit-panel.js';
import { renderFeed, setupFeed } from './feed-panel.js';
import { startPage } from '../page-ready.js';

async function main() {
  await vipguardI18n.ready();
  await init({ module_or_path: new URL('../../pkg/vipguard_bg.wasm', import.meta.url) });
  setupListEditor();
  setupSettings();
  setupAuditPanel();
  setupFeed();
  await renderList();
  await renderSettings();
  await renderAudit();
  await renderFeed();
}
// The page stays inert until every section is wired and shows its state (page-ready.js): a control
// changed earlier would be lost, or undone by the state drawn after it.
startPage(main);
