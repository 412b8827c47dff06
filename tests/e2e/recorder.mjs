// The request recorder (issue 24, item 6), shared by Chromium's harness (harness.mjs) and Firefox's
// (firefox-harness.mjs). Each browser's harness records two things: every http(s) request the extension
// itself made (its worker or event page, its pages, its frames in the reviewed pages), and every image a
// web page (never the extension) asked the browser for, which is what a page shows. The extension may
// request only those images (the avatars its adapters read from what the pages display) and the
// addresses a test configured it to fetch (the team's list feed, given as `expectedRequests`); anything
// else is stray, and the harness's close() fails the test on it. Each also records the tabs the extension
// opened (a tab's address carries data as well as a request does): close() fails on any the test did not
// declare as `expectedTabs` (the review queue's profiles).

// X's avatars come in sizes (…_normal.png in lists, …_400x400.png on profiles): the worker asks for the
// 400-px one of a picture a page shows small (content/sites/x.js), so addresses are compared with X's
// size left out.
export const anySize = (u) => u.replace(/^(https:\/\/pbs\.twimg\.com\/profile_images\/[^?#]+?)_(?:normal|bigger|mini|x96|\d+x\d+)(\.[a-z]+)(?=$|[?#])/i, '$1$2');

/**
 * The stray requests, each once, in the order first made: the `extension` addresses that are neither an
 * image in `shown` (any size, as anySize) nor matched by one of `expected` (regular expressions).
 */
export function strays(extension, shown, expected = []) {
  const images = new Set([...shown].map(anySize));
  return [...new Set(extension.filter((u) => !images.has(anySize(u)) && !expected.some((re) => re.test(u))))];
}

/**
 * close()'s error for `stray` requests and `tabs` (addresses of tabs the extension opened that the test's
 * `expectedTabs` do not match); one of them non-empty.
 */
export function strayError(stray, tabs = []) {
  const says = [];
  if (stray.length) says.push(`the extension requested addresses that were neither an image a page showed nor one the test configured: ${stray.join(' ')}`);
  if (tabs.length) says.push(`the extension opened tabs at addresses the test did not expect: ${tabs.join(' ')}`);
  return new Error(says.join('; '));
}
