// The one list of facts about each site vipguard reads: its platform id, the hosts of its pages, where it
// keeps avatars, what its profile addresses look like, and which of its paths are pages, not people.
// Read by the worker (validate.js, check.js, avatars.js, site-scripts.js), the bulk page (bulk-input.js)
// and the site adapters; tests/e2e/structure.test.mjs checks both manifests, the adapters and their
// fixtures against it.
//
// Written to run both ways without a bundler: content scripts load it as a classic script, the worker and
// the pages import it for its effect (`import '../shared/site-catalog.js'`). Either way it defines one
// global, vipguardSiteCatalog.
'use strict';

globalThis.vipguardSiteCatalog = (() => {
  // In the order the bulk page offers platforms. `adapter`: content/sites/<adapter>.js. `pageHosts`: where
  // the adapter runs (the manifests' content scripts and host permissions). `addressHosts`: other hosts a
  // pasted profile address may name. `avatarHosts` exact hosts, `avatarDomains` any subdomain of them.
  // `profilePath`: a profile address's path, its first group the handle; `authorPaths`: addresses of a
  // post or of a profile's tab, whose first group is the account's handle (the bulk page reads a pasted
  // post as its author). `notPeople`: first path words of
  // the site's own pages that are not profiles (what its adapter skips). `defaultAvatars`: addresses of the
  // picture the site shows for an account that set none (see DEFAULT_AVATARS below). `framePages`: match patterns of
  // pages the site shows inside frames of its own pages, whose content script runs in every frame (all_frames)
  // and which the main entry leaves out (exclude_matches), so a page opened on its own gets it once.
  // Mastodon (any server, recognised
  // by its markup) and the generic adapter (sites the reviewer enables) have no hosts of their own: the
  // worker registers their scripts when they are switched on.
  const SITES = [
    {
      platform: 'x', adapter: 'x',
      pageHosts: ['x.com', 'twitter.com', 'mobile.twitter.com'],
      addressHosts: ['www.x.com', 'www.twitter.com'],
      avatarHosts: ['pbs.twimg.com', 'abs.twimg.com'], avatarDomains: [],
      // abs.twimg.com/sticky/default_profile_images/default_profile_normal.png (and _400x400, _0_normal …).
      defaultAvatars: [/^\/sticky\/default_profile_images\//],
      profilePath: /^\/([A-Za-z0-9_]{1,50})\/?$/,
      authorPaths: [/^\/([A-Za-z0-9_]{1,50})\/status(?:es)?\/\d+/,
        /^\/([A-Za-z0-9_]{1,50})\/(?:media|with_replies|likes|followers|following|verified_followers|highlights|articles)\/?$/],
      notPeople: ['home', 'explore', 'search', 'notifications', 'messages', 'settings', 'i', 'compose', 'login', 'logout',
        'signup', 'tos', 'privacy', 'jobs', 'download', 'hashtag', 'intent'],
    },
    {
      platform: 'instagram', adapter: 'instagram',
      pageHosts: ['www.instagram.com'],
      addressHosts: ['instagram.com'],
      avatarHosts: [], avatarDomains: ['cdninstagram.com', 'fbcdn.net'],
      // The one picture file every account without a photo gets, on any of its CDN hosts; its cache key
      // says so in base64 (ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj, "anonymous_profile_pic").
      defaultAvatars: [/\/44884218_345707102882519_2446069589734326272_n\./, /[?&]ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj/],
      profilePath: /^\/([A-Za-z0-9_.]{1,60})\/?$/,
      notPeople: ['explore', 'reels', 'direct', 'accounts', 'stories', 'p', 'reel', 'about', 'legal', 'web'],
    },
    {
      platform: 'mastodon', adapter: 'mastodon',
      pageHosts: [], addressHosts: [], avatarHosts: [], avatarDomains: [],
      // Paperclip's default_url, /avatars/original/missing.png, on the server or its media host (also
      // under /accounts/ on some servers' object storage).
      defaultAvatars: [/\/avatars\/[a-z]+\/missing\.png$/],
      // On any server: /@user, or /@user@home.server for an account of another server.
      profilePath: /^\/@([A-Za-z0-9_.-]{1,60})(?:@([A-Za-z0-9.-]+))?\/?$/,
      authorPaths: [/^\/@([A-Za-z0-9_.-]{1,60})(?:@([A-Za-z0-9.-]+))?\/(?:\d+|followers|following|media|with_replies)\/?$/],
      notPeople: [],
    },
    {
      platform: 'bluesky', adapter: 'bluesky',
      pageHosts: ['bsky.app'], addressHosts: [],
      avatarHosts: ['cdn.bsky.app'], avatarDomains: [],
      profilePath: /^\/profile\/([A-Za-z0-9.:-]{1,253})\/?$/,
      authorPaths: [/^\/profile\/([A-Za-z0-9.:-]{1,253})\/(?:post\/[A-Za-z0-9]+|followers|follows)\/?$/],
      notPeople: [],
    },
    {
      platform: 'github', adapter: 'github',
      pageHosts: ['github.com'], addressHosts: ['www.github.com'],
      avatarHosts: ['avatars.githubusercontent.com'], avatarDomains: [],
      profilePath: /^\/([A-Za-z0-9-]{1,60})\/?$/,
      // A repository's owner.
      authorPaths: [/^\/([A-Za-z0-9-]{1,60})\/[A-Za-z0-9_.-]{1,100}(?:\/.*)?$/],
      notPeople: [],
    },
    {
      platform: 'youtube', adapter: 'youtube',
      pageHosts: ['www.youtube.com', 'm.youtube.com'], addressHosts: ['youtube.com'],
      // yt4.ggpht.com: the live chat's author photos (jaw-sh/stream-nexus js/feed/youtube.js @ 140b22fa,
      // markup captured 2023-07-19).
      avatarHosts: ['yt3.ggpht.com', 'yt3.googleusercontent.com', 'yt4.ggpht.com'], avatarDomains: [],
      // `askedHosts`: avatar hosts the manifests list as optional host permissions, which the reviewer
      // grants on the options page (a new required host would have Chrome disable the extension on update
      // until each user approved it). Without it the chat's authors are read by handle, without their photo.
      askedHosts: ['yt4.ggpht.com'],
      // A live stream's chat (/live_chat?…) and a replay's (/live_chat_replay?…): a frame of the watch page
      // (ytd-live-chat-frame iframe#chatframe), or a page of its own ("Pop out chat"). The pattern
      // ys-j/YoutubeLiveChatFlusher src/manifest.chrome.json @ 920fca96 runs its chat-frame script on.
      framePages: ['https://www.youtube.com/live_chat*'],
      // yt3.ggpht.com/a/default-user=s88-c-k-c0x00ffffff-no-rj (any size), and /ytc/default-user=….
      defaultAvatars: [/^\/(?:a|ytc)\/default-user=/],
      profilePath: /^\/@([^/\s]{1,100})\/?$/,
      authorPaths: [/^\/@([^/\s]{1,100})\/(?:videos|shorts|streams|about|featured|community|playlists|posts)\/?$/],
      notPeople: [],
    },
    {
      platform: 'tiktok', adapter: 'tiktok',
      pageHosts: ['www.tiktok.com'], addressHosts: ['tiktok.com'],
      avatarHosts: [], avatarDomains: ['tiktokcdn.com', 'tiktokcdn-us.com'],
      profilePath: /^\/@([A-Za-z0-9_.]{1,60})\/?$/,
      authorPaths: [/^\/@([A-Za-z0-9_.]{1,60})\/(?:video|photo)\/\d+/],
      notPeople: [],
    },
    {
      // Its profiles name the page's host as their platform.
      platform: null, adapter: 'generic',
      pageHosts: [], addressHosts: [], avatarHosts: [], avatarDomains: [], profilePath: null, notPeople: [],
    },
  ];
  for (const s of SITES) {
    if (!s.authorPaths) s.authorPaths = [];
    // GitHub's identicons differ per account and Bluesky draws no picture at all: nothing to name.
    if (!s.defaultAvatars) s.defaultAvatars = [];
    if (!s.framePages) s.framePages = [];
    Object.freeze(s);
  }

  // First path words that a pasted profile address never names a person by, on any site (the bulk page).
  const NOT_PEOPLE_IN_ADDRESSES = ['home', 'explore', 'search', 'notifications', 'messages', 'settings', 'i', 'login',
    'signup', 'about', 'features', 'pricing', 'topics', 'orgs', 'marketplace', 'accounts', 'reels', 'direct'];

  // The scripts a page gets, in order, for the adapter `adapter` (the manifests' lists, and the worker's
  // for Mastodon and generic sites).
  const contentScripts = (adapter) => ['shared/i18n.js', 'shared/site-catalog.js', 'content/annotate.js',
    'content/sites/registry.js', `content/sites/${adapter}.js`, 'content/main.js'];

  // The address of an account's own profile page (for tickets: an account seen in a reply or a list is
  // filed by its profile, not by the page it was seen on). Generic sites have no profile addresses: the
  // page's own address stands in.
  const PROFILE_URLS = {
    x: (h) => `https://x.com/${h}`,
    instagram: (h) => `https://www.instagram.com/${h}/`,
    bluesky: (h) => `https://bsky.app/profile/${h}`,
    github: (h) => `https://github.com/${h}`,
    youtube: (h) => `https://www.youtube.com/@${h}`,
    tiktok: (h) => `https://www.tiktok.com/@${h}`,
    // user@server, on the account's own server.
    mastodon: (h) => (/^[^@\s/]+@[a-z0-9.-]+$/i.test(h) ? `https://${h.split('@')[1]}/@${h.split('@')[0]}` : null),
  };
  function profileUrl(platform, handle, pageUrl = null) {
    const make = Object.hasOwn(PROFILE_URLS, platform) ? PROFILE_URLS[platform] : null;
    const clean = String(handle ?? '').replace(/^@/, '');
    // Encoded whole (a handle is one path segment: a '?' or '#' in it must not start a query), '@' kept.
    const safe = encodeURIComponent(clean).replace(/%40/g, '@');
    return (make && clean && make(safe)) || pageUrl;
  }

  // Each platform's own form for reporting an impersonating account, linked from the ticket (the
  // reviewer files there too). Sites with no such page (Bluesky, Mastodon, TikTok: the account's own
  // "Report" menu) have none.
  const REPORT_FORMS = {
    x: 'https://help.x.com/forms/impersonation',
    instagram: 'https://help.instagram.com/contact/636276399721841',
    youtube: 'https://support.google.com/youtube/answer/2801947',
    github: 'https://support.github.com/contact/report-abuse',
  };
  const SITE_NAMES = { x: 'X', instagram: 'Instagram', mastodon: 'Mastodon', bluesky: 'Bluesky', github: 'GitHub', youtube: 'YouTube', tiktok: 'TikTok' };
  const siteName = (platform) => (Object.hasOwn(SITE_NAMES, platform) ? SITE_NAMES[platform] : String(platform));
  const reportForm = (platform) => (Object.hasOwn(REPORT_FORMS, platform) ? REPORT_FORMS[platform] : null);

  const byPlatform = new Map(SITES.filter((s) => s.platform).map((s) => [s.platform, s]));
  const byPageHost = new Map(SITES.flatMap((s) => s.pageHosts.map((h) => [h, s])));
  return Object.freeze({
    SITES: Object.freeze(SITES),
    // Platform ids, for the bulk page's choice (generic has none).
    PLATFORMS: Object.freeze([...byPlatform.keys()]),
    // Every page host an adapter of its own serves.
    PAGE_HOSTS: Object.freeze([...byPageHost.keys()]),
    site: (platform) => byPlatform.get(platform),
    // The site whose pages are on `host`, or undefined.
    pageSite: (host) => byPageHost.get(host),
    // Whether `host` is one of the page hosts of `platform`.
    isPage: (platform, host) => byPageHost.get(host)?.platform === platform,
    // Whether `host` serves the served sites' avatars.
    isAvatarHost: (host) => SITES.some((s) => s.avatarHosts.includes(host) || s.avatarDomains.some((d) => host.endsWith(`.${d}`))),
    // The avatar hosts the reviewer grants access to on the options page (optional host permissions).
    ASKED_HOSTS: Object.freeze(SITES.flatMap((s) => s.askedHosts || [])),
    // Whether `host` serves the avatars of `platform`'s own pages (the worker fetches no other site's).
    isAvatarHostOf: (platform, host) => {
      const s = byPlatform.get(platform);
      return !!s && (s.avatarHosts.includes(host) || s.avatarDomains.some((d) => host.endsWith(`.${d}`)));
    },
    // Whether `url` is the picture `platform` shows for an account that set none: the same picture for
    // millions of accounts, so it is nobody's photo (a list that enrolled it for a protected account
    // would otherwise find "the same picture" on every such account). Matched on path and query.
    isDefaultAvatar: (platform, url) => {
      const s = byPlatform.get(platform);
      if (!s || !s.defaultAvatars.length) return false;
      let u;
      try {
        u = new URL(url);
      } catch {
        return false;
      }
      return s.defaultAvatars.some((re) => re.test(u.pathname + u.search));
    },
    // Whether a path's first segment is one of the site's pages that are not people (any case).
    notPerson: (platform, segment) => !!byPlatform.get(platform)?.notPeople.includes(String(segment).toLowerCase()),
    // Whether a pasted address's first path word names no person on any site (the bulk page).
    notPersonInAddress: (segment) => NOT_PEOPLE_IN_ADDRESSES.includes(String(segment).toLowerCase()),
    contentScripts,
    profileUrl,
    reportForm,
    siteName,
  });
})();
