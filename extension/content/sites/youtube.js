// YouTube (www.youtube.com and m.youtube.com): channel pages (/@handle, /channel/ID, /c/name), comment
// authors, and the channel of the video on show (/watch, /shorts/<id>, /live/<id>: see videoChannels).
// Sources, read 2026-12 (open-source extensions maintained on the live pages):
// - YouG-o/YouTube-No-Translation src/content/channel/mainChannelName.ts (2026-06-19): the name in
//   `h1.dynamicTextViewModelH1` inside yt-dynamic-text-view-model (since its 2.15.1, 2025-09); class names
//   move from dashed to camelCase forms, so tags are read, not classes.
// - varshneydevansh/FilterTube js/content/dom_fallback.js and docs (2026-02 to 2026-07): the handle in the
//   header's metadata row; m.youtube.com's channel header is the same page-header view model inside
//   ytm-browse; mobile comments are ytm-comment-renderer, the @handle in the avatar link's aria-label.
// - cyfung1031/userscript-supports 468740-restore-youtube-username.js (2026-05-18): a mobile comment's
//   href may be percent-encoded while its aria-label holds the decoded handle.
// - Earlier channel screens stay in the page as hidden ytd-browse elements: only a visible one is read.
// - Links: the header's yt-attribution-view-model link and the about panel's #link-list-container >
//   yt-channel-external-link-view-model links (the selectors open-source channel scrapers use; the code
//   index names no repository for them), each an <a> to https://www.youtube.com/redirect?…&q=<address>
//   (mjz19910/snippet_repo userscript/youtube_plugin_raw/yt_json_types/TextRun.ts types that url;
//   Oqarshi/Userscripts youtube_redirect.user.js reads its q parameter).
// - Verified mark: the channel's check is an icon beside the name, never words. The older header
//   (ytd-c4-tabbed-header-renderer) puts ytd-badge-supported-renderer .badge-style-type-verified (or
//   -verified-artist, the Official Artist note) in #channel-name, the classes extensions in the code
//   index read (`#upload-info #channel-name .badge-style-type-verified-artist`; a channel scraper checks
//   the class with aria-label "Verified" or "Verificado"; the index names no repository for those files:
//   doubtful until checked on a live page); that class is read, there or inside the name's h1. The
//   page-header view model draws the check as an attributed-string image element in the name's h1
//   (.yt-core-attributed-string__image-element, .ytIconWrapperHost, yt-icon-shape), the same elements
//   as any other icon or custom emoji in the name, with nothing verified-specific on them: not read (a
//   music note or an emoji there would read as verified). The aria-label is translated ("Vérifié"), so it
//   is not read either.
// - Live chat (live21, issue 21): a stream's chat is a page of its own, /live_chat?v=<id> (/live_chat_replay?…
//   for a replay), framed into the watch page (ytd-live-chat-frame iframe#chatframe, same origin) or opened
//   by "Pop out chat" (&is_popout=1); its content script runs in every frame, on those paths only
//   (site-catalog.js framePages; ys-j/YoutubeLiveChatFlusher src/manifest.chrome.json and
//   manifest.firefox.json @ 920fca96, 2026-07-23: all_frames on *://www.youtube.com/live_chat*; its
//   src/chatframe.js tells the replay by its path). cyfung1031/userscript-supports 469878-youtube-chat.js
//   @ 2089169c (2026-02-28) matches /live_chat* and /live_chat_replay* with @allFrames. Rows: the
//   yt-live-chat-item-list-renderer's #items holds yt-live-chat-text-message-renderer, -paid-message-,
//   -paid-sticker- and -membership-item-renderer elements (a chat-overlay extension's getItemFromEle, whose
//   repository the code index does not name; jaw-sh/stream-nexus js/feed/youtube.js @ 140b22fa reads the
//   same tags). Each row: #author-photo img (yt-img-shadow; the photo on yt4.ggpht.com), and a
//   yt-live-chat-author-chip holding #author-name, whose own text is the name and which holds
//   #chip-badges (the verified check), beside #chat-badges (moderator, member): badges are
//   yt-live-chat-author-badge-renderer elements whose `type` attribute says which (owner, moderator,
//   verified, member), their aria-label and tooltip translated. stream-nexus keeps a capture of that
//   markup (2023-07-19) in its comments and reads `type` (moderator, verified, member) and the row's
//   `author-type` (owner, moderator, member). Another chat reader in the code index strips a leading "@"
//   from #author-name's text: the chat shows the author's @handle there since YouTube's handles (its
//   2023 capture still shows display names). Only the `type="verified"` badge is read, as the verified
//   mark; owner and moderator are roles in this chat (a moderator is any viewer the streamer picks), not
//   YouTube's verification, and are not read.
// YouTube shows channel names and descriptions machine-translated into the viewer's language, and no
// attribute or head tag on the page carries the original (the extensions above fetch it from YouTube's
// API, which vipguard does not do): the name read is the one shown, and the handle is never translated.
'use strict';

vipguardSites.push((() => {
  const R = vipguardRead;
  // Handles in any script, with the vowel signs of Devanagari and others (\p{M}) and the middle dot.
  const HANDLE = /^@([\p{L}\p{M}\p{N}_.·-]{3,100})$/u;
  const matches = (loc) => vipguardSiteCatalog.isPage('youtube', loc.hostname);

  function pageHandle(loc) {
    const m = /^\/(@[^/]+)(?:\/(featured|videos|shorts|streams|playlists|community|posts|releases|podcasts|courses|store|about|search))?\/?$/.exec(decodeURIComponent(loc.pathname));
    return m ? m[1].slice(1) : null;
  }

  function profile(doc, loc) {
    const onChannel = pageHandle(loc) || /^\/(channel|c|user)\/[^/]+/.test(loc.pathname);
    if (!onChannel) return null;
    const header = [...doc.querySelectorAll('yt-page-header-renderer, #page-header, ytd-c4-tabbed-header-renderer')]
      .find((el) => !el.closest('[hidden]'));
    if (!header) return null;
    const nameEl = header.querySelector('yt-dynamic-text-view-model h1, h1 .yt-core-attributed-string, #channel-name #text, h1');
    let handle = null;
    for (const span of header.querySelectorAll('yt-content-metadata-view-model span, #channel-handle, .yt-content-metadata-view-model-wiz__metadata-text')) {
      const m = HANDLE.exec(R.shownText(span, 120));
      if (m) { handle = m[1]; break; }
    }
    const want = pageHandle(loc);
    if (!handle) handle = want;
    if (!handle || (want && !R.same(handle, want))) return null;
    const img = header.querySelector('yt-avatar-shape img, yt-decorated-avatar-view-model img, #avatar img');
    const bio = R.shownText(header.querySelector('yt-description-preview-view-model, #description'), 2000);
    // The channel's links: the header's first link (yt-attribution-view-model, "site.com and 2 more
    // links") and, once the reviewer opens it, the about panel's list (yt-channel-external-link-view-model);
    // each goes through youtube.com/redirect?q=<address>.
    // The about panel is a dialog of the page, not of the header: only while it is shown (a closed one
    // may still hold an earlier channel's links).
    const about = [...doc.querySelectorAll('#link-list-container, yt-channel-external-link-view-model')].filter((el) => !el.closest('[hidden]') && el.getClientRects().length > 0);
    const links = R.linksIn([...header.querySelectorAll('yt-attribution-view-model'), ...about], ['youtube.com', 'youtu.be']);
    // The subscriber count in the header's metadata row: "1.2K subscribers" ("1,2 k abonnés" in French).
    let subscribers = '';
    for (const span of header.querySelectorAll('yt-content-metadata-view-model span[role="text"], .ytContentMetadataViewModelMetadataText, #subscriber-count')) {
      const m = /^(.+?)\s+(?:subscribers?|abonnés?)$/i.exec(R.shownText(span, 80));
      if (m) { subscribers = m[1]; break; }
    }
    return { anchor: nameEl || header, data: { platform: 'youtube', handle, name: R.shownText(nameEl) || handle, bio, avatar: R.src(img), ...(links.length ? { links } : {}),
      ...R.facts({ followersShown: subscribers, verified: verifiedMark(header, nameEl) }) } };
  }

  // YouTube's own check beside the channel name (see the top of this file): only a badge whose class says
  // it is the verified one (badge-style-type-verified, -verified-artist), in the old header's
  // #channel-name or inside the name's h1. The new header's bare icon is not read: any icon or emoji in
  // the name is drawn the same way.
  const VERIFIED_BADGE = '.badge-style-type-verified, .badge-style-type-verified-artist';
  function verifiedMark(header, nameEl) {
    const h1 = nameEl && nameEl.closest('h1');
    if (h1 && h1.querySelector(VERIFIED_BADGE)) return true;
    return !!header.querySelector(`#channel-name :is(${VERIFIED_BADGE})`);
  }

  // The @handle an address of a channel names (/@handle, /@handle/shorts, percent-encoded or not), on
  // YouTube's own hosts; null for any other address (a /channel/UC… address names no handle).
  function handleOfLink(a) {
    if (!a) return null;
    let u;
    try {
      u = new URL(a.getAttribute('href') || '', 'https://www.youtube.com/');
    } catch {
      return null;
    }
    if (!/(^|\.)youtube\.com$/.test(u.hostname)) return null;
    let path;
    try {
      path = decodeURIComponent(u.pathname);
    } catch {
      return null;
    }
    const m = HANDLE.exec((/^\/(@[^/]+)/.exec(path) || [])[1] || '');
    return m ? m[1] : null;
  }

  // The channel of the video on show (yt21, issue 21): a video's owner on /watch and /live/<id> (the same
  // watch page), the short's channel on /shorts/<id>. Sources, read 2026-12:
  // - ajayyy/maze-utils src/video.ts @ b2848758 (SponsorBlock's, 2026-05): /shorts/<id> and /live/<id> are
  //   video pages like /watch?v=<id>; the owner's channel link is a.ytd-video-owner-renderer (www), its name
  //   ytd-channel-name a, and on m.youtube.com a.slim-owner-icon-and-title.
  // - varshneydevansh/FilterTube docs/youtube_renderer_inventory.md @ c550c04e (capture of 2026-07): the
  //   newer m.youtube.com watch page puts the owner's avatar link a.slim-video-owner-icon[href="/@handle"]
  //   in ytm-slim-video-action-bar-renderer and the @handle in .slim-video-information-channel-name (its
  //   label holds the display name with the subscriber count: not read); js/content_bridge.js reads
  //   ytm-slim-owner-renderer a[href*="/@"].
  // - 2024-kakao-metacog/Youtube-Crawling xpath_repository.py @ 727d2f54: a short's channel is
  //   ytd-shorts … ytd-reel-video-renderer … ytd-reel-player-overlay-renderer yt-reel-metapanel-view-model
  //   yt-reel-channel-bar-view-model span a (its text the @handle); Anarios/return-youtube-dislike
  //   Extensions/combined/src/utils.js @ c0c3a2ea: the shorts player keeps several reels mounted, one per
  //   .reel-video-in-sequence-new, and finds the one shown by the viewport; its ryd.content-script.js
  //   @ c0c3a2ea (lines 26-47) watches the `is-active` attribute on YTD-REEL-VIDEO-RENDERER under ytd-shorts
  //   to know the reader scrolled to the next short: the reel that plays carries [is-active] (main.js
  //   watches that attribute for the same reason). With no reel marked, the reels in the viewport.
  //   Older shorts put the channel in ytd-reel-player-header-renderer ytd-channel-name a.
  // The display name is shown on the watch page only; elsewhere the name is the handle, as for comments.
  // These cells are `aside` (registry.js).
  //
  // Each list below is in order of preference, its last entry the widest: a link the more specific
  // entries miss still counts. inOrder reads them in that order (querySelectorAll('a, b') would give
  // the first in the page whichever entry it matches, so a wide entry could win over a specific one).
  const OWNER_LINK = ['a.ytd-video-owner-renderer[href]', 'ytd-channel-name a[href]', '#channel-name a[href]', 'a[href]'];
  const OWNER_NAME = ['ytd-channel-name a', '#channel-name a'];
  const SLIM_LINK = ['a.slim-owner-icon-and-title', 'a.slim-video-owner-icon', 'a[href^="/@"]'];
  const SLIM_SHOWN = ['.slim-video-information-channel-name', '.slim-owner-channel-name'];
  const REEL_LINK = ['yt-reel-channel-bar-view-model a[href]', 'ytd-reel-player-header-renderer ytd-channel-name a[href]', 'ytd-reel-player-header-renderer a[href]'];
  const REEL_IMG = ['yt-reel-channel-bar-view-model img', 'ytd-reel-player-header-renderer img'];
  // The elements under root matching each selector in turn, each once, most preferred first.
  const inOrder = (root, selectors) => [...new Set(selectors.flatMap((s) => [...root.querySelectorAll(s)]))];
  const firstOf = (root, selectors) => inOrder(root, selectors)[0] || null;
  function videoChannels(doc, fresh) {
    const out = [];
    if (!doc.location || !listPage(doc.location)) return out;
    const taken = new Set();
    const push = (anchor, handle, name, img) => {
      if (!handle || !anchor || taken.has(anchor) || !R.onShow(anchor)) return;
      taken.add(anchor);
      // `aside` twice (registry.js): fresh is told, for a channel read before and unchanged (no cell), and
      // the cell says it, for one read now.
      if (!fresh(anchor, true)) return;
      out.push({ aside: true, anchor, data: { platform: 'youtube', handle, name: name || handle, avatar: R.src(img) } });
    };
    for (const owner of doc.querySelectorAll('ytd-video-owner-renderer')) {
      const handle = inOrder(owner, OWNER_LINK).map(handleOfLink).find(Boolean);
      const nameLink = firstOf(owner, OWNER_NAME);
      const name = R.shownText(nameLink, 200);
      push(nameLink, handle, name && !HANDLE.test(name) ? name : handle, owner.querySelector('#avatar img, yt-img-shadow img'));
    }
    for (const owner of doc.querySelectorAll('ytm-slim-owner-renderer, ytm-slim-video-metadata-section-renderer')) {
      const link = firstOf(owner, SLIM_LINK);
      const handle = handleOfLink(link);
      const shown = firstOf(owner, SLIM_SHOWN);
      push(shown && R.onShow(shown) ? shown : link, handle, handle, link && link.querySelector('img'));
    }
    const reels = [...doc.querySelectorAll('ytd-reel-video-renderer')].filter(R.onShow);
    let shown = reels.filter((r) => r.hasAttribute('is-active'));
    if (!shown.length) {
      shown = reels.filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > 0 && b.top < innerHeight && b.right > 0 && b.left < innerWidth;
      });
    }
    for (const reel of shown) {
      const link = inOrder(reel, REEL_LINK).find((a) => handleOfLink(a));
      const handle = handleOfLink(link);
      const text = R.shownText(link, 200);
      push(link, handle, text && !HANDLE.test(text) ? text : handle, firstOf(reel, REEL_IMG));
    }
    return out;
  }

  // The live chat's authors (see the top of this file): each row's @handle, as #author-name shows it, and
  // its photo. A row that shows a display name and no @handle is not read: the handle is what the engine
  // compares as the account's own, and YouTube's display names are neither unique nor the handle (an
  // impostor named "IbrahimaDialloTV" would read as the account itself).
  const CHAT_ROW = 'yt-live-chat-text-message-renderer, yt-live-chat-paid-message-renderer, yt-live-chat-paid-sticker-renderer, yt-live-chat-membership-item-renderer';
  const chatPage = (loc) => /^\/live_chat(_replay)?\/?$/.test(loc.pathname);
  // #author-name's own text: the badges inside it (#chip-badges) are left out, tooltip and all.
  const ownText = (el) => R.squeeze([...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.nodeValue).join(''), 120);
  function chatAuthors(doc, fresh) {
    const out = [];
    for (const row of doc.querySelectorAll(CHAT_ROW)) {
      const a = row.querySelector('#author-name');
      if (!a || !fresh(a)) continue;
      const m = HANDLE.exec(R.handleText(ownText(a)));
      if (!m) continue;
      const verified = !!row.querySelector('yt-live-chat-author-badge-renderer[type="verified"]');
      out.push({ anchor: a, data: { platform: 'youtube', handle: m[1], name: m[1], avatar: R.src(row.querySelector('#author-photo img')), ...R.facts({ verified }) } });
    }
    return out;
  }

  // Comment authors: YouTube shows the @handle; the channel's display name is not on the page.
  function cells(doc, fresh = () => true) {
    if (doc.location && chatPage(doc.location)) return chatAuthors(doc, fresh);
    const out = videoChannels(doc, fresh);
    // m.youtube.com: the avatar link's label is the decoded @handle (its address may be percent-encoded).
    for (const c of doc.querySelectorAll('ytm-comment-renderer')) {
      const a = c.querySelector('.YtmCommentRendererTitle, .comment-title') || c.querySelector('a[aria-label^="@"]');
      if (!a || a.closest('[hidden]') || !fresh(a)) continue;
      const link = c.querySelector('a[aria-label^="@"]');
      const m = HANDLE.exec(link ? link.getAttribute('aria-label').trim() : R.shownText(a, 120));
      if (!m) continue;
      const img = c.querySelector('ytm-profile-icon img, img');
      out.push({ anchor: a, data: { platform: 'youtube', handle: m[1], name: m[1], avatar: R.src(img) } });
    }
    for (const c of doc.querySelectorAll('ytd-comment-view-model, ytd-comment-renderer')) {
      // The channel owner's own comments hide #author-text and show the handle in the creator badge:
      // read it, and put the badge, where it is shown.
      const a = [...c.querySelectorAll('#author-text, #author-comment-badge #name')].find((el) => !el.closest('[hidden]'));
      if (!a || !fresh(a)) continue;
      const m = HANDLE.exec(R.shownText(a, 120));
      if (!m) continue;
      const img = c.querySelector('#author-thumbnail img, yt-img-shadow img');
      out.push({ anchor: a, data: { platform: 'youtube', handle: m[1], name: m[1], avatar: R.src(img) } });
    }
    return out;
  }

  // Addresses of lists of accounts (main.js's self-check): the only accounts this adapter reads outside a
  // channel's header are comment authors (and the video's channel beside them), so a video's page:
  // /watch?v=<id>, /shorts/<id> and /live/<id> (www and m.; maze-utils src/video.ts @ b2848758 reads the
  // video id from all three). Channel search results and /@handle/channels are not read: left out.
  // A live chat is a list of its authors.
  const listPage = (loc) => (loc.pathname === '/watch' && new URLSearchParams(loc.search).has('v'))
    || /^\/(shorts|live)\/[\w-]{6,}\/?$/.test(loc.pathname) || chatPage(loc);
  // YouTube loads a video's comments only once the reader scrolls down to them, and a video may have none
  // or have them turned off (a ytd-message-renderer, "Comments are turned off", which
  // realwumbl3/WeComment extension/contentScript.js @ c0495739 looks for). While loading, the comment
  // section holds a continuation spinner and yt-ghost-comments skeletons (varshneydevansh/FilterTube
  // docs/youtube_renderer_inventory.md and docs/audit/FILTERTUBE_YTD_CAMELCASE_COMMENT_SHEET_BOUNDARY_2026-07-03.md
  // @ c550c04e: ytd-comments#comments > ytd-item-section-renderer[section-identifier="comment-item-section"],
  // threads in ytd-comment-thread-renderer; m.youtube.com's in ytm-comment-thread-renderer, in a panel
  // opened by a tap). So the notice waits for comments that are there to be read: a thread on show, by its
  // tag, or as any other item of the comment section's list that links to a channel (a message YouTube adds
  // there, or another extension's box, is no comment), with no author read after the wait. A page whose
  // comments are not loaded, not opened, turned off or empty gets no notice.
  const NOT_A_COMMENT = 'ytd-continuation-item-renderer, yt-ghost-comments, ytd-message-renderer, ytd-comments-header-renderer, ytd-comment-simplebox-renderer';
  const THREAD = 'ytd-comment-thread-renderer, ytm-comment-thread-renderer';
  const CHANNEL_LINK = 'a[href^="/@"], a[href^="/channel/"], a[href*="youtube.com/@"], a[href*="youtube.com/channel/"]';
  // A chat with no message on show yet (a quiet stream, a replay before its first message) is empty; one
  // whose rows are there is read (a row without an @handle counts as read: it is left out on purpose).
  const chatEmpty = (doc) => ![...doc.querySelectorAll('yt-live-chat-item-list-renderer #items > *')].some(R.onShow);
  const listEmpty = (doc) => (doc.location && chatPage(doc.location) ? chatEmpty(doc) : ![...doc.querySelectorAll(`${THREAD}, ytd-comments ytd-item-section-renderer > #contents > *`)]
    .some((el) => R.onShow(el) && (el.matches(THREAD) || (!el.matches(NOT_A_COMMENT) && !!el.querySelector(CHANNEL_LINK)))));
  const badgeSpot = (a) => a;
  // The chat: no profile is ever read there (no banner frame made ahead), and its authors come back row
  // after row (main.js checks each once per frame: `repeats`).
  return { name: 'youtube', matches, profile, cells, profilePage: (loc) => !!pageHandle(loc), listPage, listEmpty, badgeSpot,
    noProfile: chatPage, repeats: chatPage };
})());

// Test pages:
//   tests/e2e/fixtures/sites/youtube-channel.html tests/e2e/fixtures/sites/youtube-creator-comments.html
//   tests/e2e/fixtures/sites/youtube-hindi-channel.html tests/e2e/fixtures/sites/youtube-posts.html
//   tests/e2e/fixtures/sites/youtube-stale-screen.html tests/e2e/fixtures/sites/youtube-mobile-channel.html
//   tests/e2e/fixtures/sites/youtube-mobile-comments.html tests/e2e/fixtures/sites/youtube-links.html
//   tests/e2e/fixtures/sites/youtube-c4-header.html tests/e2e/fixtures/sites/youtube-fatouemoji.html tests/e2e/fixtures/sites/youtube-fatoumusic.html
// The self-check on a video's comments (listPage, listEmpty): youtube-creator-comments.html (read: no notice),
//   tests/e2e/fixtures/sites/youtube-comments-unreadable.html (authors no longer in #author-text: the notice),
//   tests/e2e/fixtures/sites/youtube-comments-off.html (comments turned off: none),
//   tests/e2e/fixtures/sites/youtube-comments-loading.html (the section still loading: none).
// The video's channel beside the comments, on /watch, /shorts/ and /live/ (yt21):
//   tests/e2e/fixtures/sites/youtube-shorts.html tests/e2e/fixtures/sites/youtube-live.html
//   tests/e2e/fixtures/sites/youtube-shorts-comments-unreadable.html (the channel read, the comments not: the notice)
//   tests/e2e/fixtures/sites/youtube-mobile-comments-unreadable.html (m.youtube.com's older owner markup; the notice)
//   tests/e2e/fixtures/sites/youtube-shorts-no-active.html (no reel marked active: the one in view is read)
// The live chat (live21): tests/e2e/fixtures/sites/youtube-live-chat.html (popped out, a page of its own)
//   tests/e2e/fixtures/sites/youtube-replay.html (a replay's watch page, its chat framed: the next page)
//   tests/e2e/fixtures/sites/youtube-live-chat-replay.html
//   tests/e2e/fixtures/sites/youtube-live-chat-unreadable.html (rows whose authors are no longer in #author-name: the notice)
//   tests/e2e/fixtures/sites/youtube-live-chat-empty.html (no message yet: no notice)
