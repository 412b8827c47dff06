// The site pages both browsers' suites visit (sites.test.mjs in Chromium, firefox.test.mjs in Firefox),
// served from the fixtures by harness.mjs. Per page: `banner`, the banner's verdict (none on a list
// page); `text`, words the banner or badges must show (`absent`, words they must not); `badges`, the verdict recorded per handle
// (undefined: not shown as an account); `drawn`, badges drawn when a page shows an account twice;
// `names`, `bios`, `pictures`, `links`, `avatars`, `verified`: what the adapter read for an account; `layout: false`,
// a known layout shift. `frame`: [a frame of the page (same origin), the badges drawn in it]; `sentOnce`: accounts
// shown on several rows and sent to the worker once; `cellVerified`: whether a cell was sent with the verified mark.
export const SITES = [
  // Account facts (docs/extension.md, "Account facts"): each profile's followers count as its page shows
  // it, rounded ones told as "about" with the page's text.
  { url: 'https://bsky.app/profile/adaeze-okonkwo.bsky.social', banner: 'impersonation', text: ['Resembles Adaeze Okonkwo-Bello', 'about 1,200 followers (shown as 1.2K) · Verified mark shown on the page'],
    verified: { 'adaeze-okonkwo.bsky.social': true }, badges: { 'adaeze-okonkwo.bsky.social': 'impersonation' } },
  { url: 'https://bsky.app/profile/kwabenamensah.bsky.social/followers', badges: { 'kwabena-mensah-gh.bsky.social': 'impersonation', 'ngozi-eze.bsky.social': 'clear' } },
  { url: 'https://github.com/zenith-harbour-bank', banner: 'impersonation', text: ['Resembles Zenith Harbour Bank', '2 followers'], absent: ['Verified mark'],
    badges: { ZenithHarb0ur: 'impersonation', 'chidi-okoro': 'clear' } },
  { url: 'https://www.instagram.com/tundemi_official/', banner: 'impersonation', text: ['Resembles Tundemi', '48,120 followers · Verified mark shown on the page'] },
  // kwabena.m shows Instagram's "no photo" picture, served here as Kwabena's enrolled photo: not a copy.
  { url: 'https://www.instagram.com/tundemi/followers/', badges: { 'tundemi.officiel': 'impersonation', 'seun.balogun': 'clear', 'kwabena.m': 'clear' } },
  // The new header's check is an icon with nothing verified-specific about it (any icon in the name is
  // drawn the same way): not read.
  { url: 'https://www.youtube.com/@IbrahimaDialloTV', banner: 'impersonation', text: ["avatar is a copy of Ibrahima Diallo's protected photo", 'about 1,200 subscribers (shown as 1.2K)'],
    absent: ['Verified mark'], verified: { IbrahimaDialloTV: false }, badges: { lbrahimaDiallo: 'impersonation', cookingwithfatou: 'clear' } },
  { url: 'https://www.tiktok.com/@aminata.sowe', banner: 'impersonation', text: ["avatar is a copy of Aminata Sowé's protected photo", 'about 31,400 followers (shown as 31.4K) · Verified mark shown on the page'],
    badges: { 'aminata.sowe': undefined, aminatasowe_fan: 'labelled', 'efua.asante': 'clear' } },
  // Red-team pages (markup the adapters were not written against), one per way extraction failed.
  // A display name that is itself "@KwabenaMensah": the handle is the one the address names.
  { url: 'https://x.com/KwabenaMensah__', banner: 'impersonation', text: ['“@KwabenaMensah” @KwabenaMensah__'] },
  // The same in a follower list: the name link reads "@KwabenaMensah", the handle link names its own address.
  { url: 'https://x.com/KwabenaMensah/followers', names: { kb_mensah_support: '@KwabenaMensah' },
    badges: { kb_mensah_support: 'impersonation', KwabenaMensahh: 'impersonation', ngozi_eze: 'clear' } },
  // A zero-width no-break space inside the name reaches the engine (JavaScript's \s would eat it).
  { url: 'https://x.com/Adaeze_0konkwo/media', banner: 'impersonation', text: ['U+FEFF ZERO WIDTH NO-BREAK SPACE'] },
  // Opened by its DID, the handle wrapped in direction marks: the handle is read from the header.
  // The app draws the name without its ✅; the first-load og:title keeps it, and it is evidence.
  // Its header shows the grey check a trusted verifier sees on an unverified profile: not a verified mark.
  { url: 'https://bsky.app/profile/did:plc:k7wmensahimpostor00000', banner: 'impersonation', text: ['@kwabena-mensah.bsky.social', 'U+2705'], absent: ['Verified mark'],
    verified: { 'kwabena-mensah.bsky.social': false } },
  // Verified marks are read from the site's own check only (docs/extension.md, "Account facts"): an icon
  // in the name that is not it counts for nothing. `verified`: whether the adapter sent the mark.
  // YouTube: a music note icon, and a custom emoji image, in the new header's name.
  { url: 'https://www.youtube.com/@fatoumusic', banner: 'clear', absent: ['Verified mark'], verified: { fatoumusic: false } },
  { url: 'https://www.youtube.com/@fatouemoji', banner: 'clear', absent: ['Verified mark'], verified: { fatouemoji: false } },
  // The older header's verified badge (its badge-style-type-verified class) is the check.
  { url: 'https://www.youtube.com/@fatouverified', banner: 'clear', text: ['Verified mark shown on the page'], verified: { fatouverified: true } },
  // Bluesky: a button in the name's row whose icon is a blue circle under a white music note, not the tick.
  { url: 'https://bsky.app/profile/ngozi-beats.bsky.social', banner: 'clear', absent: ['Verified mark'], verified: { 'ngozi-beats.bsky.social': false } },
  // No display name: the handle shown in its place, without Bluesky's direction marks.
  { url: 'https://bsky.app/profile/ngozi-eze.bsky.social', banner: 'clear', text: ['“ngozi-eze.bsky.social” @ngozi-eze.bsky.social'] },
  // Pronouns after the login in the vcard.
  { url: 'https://github.com/ZenithHarb0ur', banner: 'impersonation', text: ['@ZenithHarb0ur'] },
  // The followers count filled in after the rest of the header (as the page script-built from the
  // profile query's answer, or parsed slowly): the banner says it once it is there.
  { url: 'https://www.instagram.com/tundemi_official/?igsh=late', banner: 'impersonation', text: ['48,120 followers · Verified mark shown on the page'] },
  // A profile tab, in French.
  { url: 'https://www.instagram.com/tundemi_official/reels/', banner: 'impersonation', text: ['Resembles Tundemi'] },
  // The page head still describes the previous profile: the name and photo come from the header.
  { url: 'https://www.instagram.com/tundemi.officiel/', banner: 'impersonation', text: ['“Tundemi 🎤” @tundemi.officiel'] },
  // A list dialog in French (localized alt text on the pictures).
  { url: 'https://www.instagram.com/tundemi/following/', badges: { 'tundemi.officiel': 'impersonation', 'seun.balogun': 'clear' }, avatars: ['tundemi.officiel'] },
  // A /channel/ address and a handle in Devanagari, vowel signs included.
  { url: 'https://www.youtube.com/channel/UCk7IbrahimaHindiCopy0001', banner: 'impersonation', text: ['@इब्राहिमाडियालो'],
    badges: { 'इब्राहिमा_डियालो_सपोर्ट': 'suspicious', cookingwithfatou: 'clear' } },
  { url: 'https://www.youtube.com/@IbrahimaDialloTV/posts', banner: 'impersonation', text: ['Resembles Ibrahima Diallo'] },
  // Quote tweets: the quoted block has no links, its name may read "@KwabenaMensah", and the article's
  // first avatar is the quoting author's. `pictures`: the avatar file read for each account.
  { url: 'https://x.com/home?quotes', names: { kb_giveaway_desk: '@KwabenaMensah' },
    badges: { KwabenaMensah: 'own', beatsbyyaw: 'clear', esi_mensah: 'clear', KwabenaMensah__: 'impersonation', ngozi_eze: 'clear', kb_giveaway_desk: 'impersonation' },
    pictures: { beatsbyyaw: 'someone-else.png', KwabenaMensah__: 'copy-kwabena-mirrored-badge.png', kb_giveaway_desk: 'copy-kwabena-mirrored-badge.png', KwabenaMensah: 'kwabena.png' } },
  // A post dialog: an @mention in a comment and "Liked by" link to people but are not rows. `layout:
  // false`: KNOWN ISSUE, not fixed yet: in the dialog's narrow column a badge after a long username
  // wraps onto a second line and moves the rows below.
  { url: 'https://www.instagram.com/p/C0ffee123/', layout: false, names: { 'kwabena.mensah.official': 'kwabena.mensah.official', 'yaw.darko': 'yaw.darko' },
    badges: { 'kwabena.mensah.official': 'impersonation', 'adaeze.okonkwo_grants': 'impersonation', 'yaw.darko': 'clear', 'ngozi.eze': 'clear', 'efua.asante': undefined, 'kofi.boateng': undefined }, drawn: 3,
    pictures: { 'yaw.darko': 'someone-else.png', 'kwabena.mensah.official': 'copy-kwabena-mirrored-badge.png' } },
  // Replies under a comment: each replier's own picture, not the parent comment's.
  { url: 'https://www.tiktok.com/@aminata.sowe/video/7300000000000000001',
    badges: { 'aminata.sowe_official': 'impersonation', 'efua.asante': 'clear', 'kofi.b': 'clear', 'aminata.sowe.fans': 'labelled', 'yaw.d': 'clear', 'ngozi.e': 'clear' },
    pictures: { 'efua.asante': 'someone-else.png', 'kofi.b': 'someone-else.png', 'yaw.d': 'someone-else.png', 'aminata.sowe.fans': 'copy-aminata-round.png' } },
  // Reposts: "Reposted by …" links to the reposter, above the author's name.
  { url: 'https://bsky.app/', names: { 'kwabenamensah-official.bsky.social': 'Kwabena Mensah', 'chidi-n.bsky.social': 'Chidi N' },
    badges: { 'kwabenamensah-official.bsky.social': 'impersonation', 'chidi-n.bsky.social': 'clear' }, drawn: 2 },
  // A profile's feed: the pinned post's "Pinned" line and a self-repost, above the name.
  { url: 'https://bsky.app/profile/kwabena-mensah-gh.bsky.social', banner: 'impersonation', names: { 'kwabena-mensah-gh.bsky.social': 'Kwabena Mensah' },
    badges: { 'kwabena-mensah-gh.bsky.social': 'impersonation' }, drawn: 2 },
  // The channel owner's comments hide #author-text and show the handle in the creator badge. The video's
  // owner box above them is read too (yt21): its name as shown, a fourth badge. The owner is the
  // commenting creator, the same handle: `badgeIn` says the fourth badge is the owner box's.
  { url: 'https://www.youtube.com/watch?v=abc123',
    badges: { IbrahimaDialloTV_: 'impersonation', 'fatou.cooks': 'clear', moussa_k: 'clear', IbrahimaDiallo: 'impersonation', 'awa.ndiaye': 'clear' }, drawn: 4,
    badgeIn: ['ytd-video-owner-renderer'] },
  // Stargazers in follow-list markup: the badge stays on the name's line.
  { url: 'https://github.com/zenith-harbour-bank/app/stargazers', badges: { 'zenith-harb0ur-bank': 'impersonation', 'yaw-darko': 'clear', 'ZenithHarbourBank-Support': 'impersonation', 'chidi-n': 'clear' } },
  // TikTok with the nickname in user-title and the @username in user-subtitle; its first-load data is a
  // previous (verified) profile's, so no verified mark.
  { url: 'https://www.tiktok.com/@aminata.sowe?lang=fr', banner: 'impersonation', text: ["avatar is a copy of Aminata Sowé's protected photo", '“Aminata Sowé” @aminata.sowe'], absent: ['Verified mark'],
    badges: { 'aminata.sowe': undefined, aminatasowe_fan: 'labelled', 'efua.asante': 'clear' } },
  // YouTube keeps the previous channel's screen in the page, hidden: the visible one is read.
  // The hidden previous channel's verified check is not this one's.
  { url: 'https://www.youtube.com/@cookingwithfatou', banner: 'clear', text: ['“Fatou cuisine” @cookingwithfatou'], absent: ['Verified mark'] },
  // m.youtube.com: the channel header, and comments whose @handle is in the avatar link's label (its
  // address may be percent-encoded).
  { url: 'https://m.youtube.com/@IbrahimaDialloTV', banner: 'impersonation',
    text: ["avatar is a copy of Ibrahima Diallo's protected photo", 'YouTube may show channel names translated into your language', 'about 1,200 subscribers (shown as 1.2K)'] },
  // The video's owner above the comments (yt21): a.slim-video-owner-icon, the @handle shown beside it.
  { url: 'https://m.youtube.com/watch?v=abc123',
    badges: { IbrahimaDialloTV_: 'impersonation', cookingwithfatou: 'clear', 'इब्राहिमा_डियालो_सपोर्ट': 'suspicious', moussa_k: 'clear' }, drawn: 3 },
  // YouTube's other video pages (yt21): the channel of the short on show (not the next one, mounted below
  // it) and its comments panel; a live stream's page, the watch page: its owner, by the name shown, and
  // its comments. (m.youtube.com's older owner markup: in sites.test.mjs's lists test, on a page that gets
  // the notice.)
  { url: 'https://www.youtube.com/shorts/Sh0rtAbc123', pictures: { IbrahimaDialloTV_: 'copy-ibrahima-padded.jpg' },
    badges: { IbrahimaDialloTV_: 'impersonation', moussa_k: 'clear', 'awa.ndiaye': 'clear', 'fatou.cooks': undefined },
    badgeIn: ['ytd-reel-video-renderer[is-active] yt-reel-channel-bar-view-model'] },
  // The same short with no reel marked [is-active] (yt21b): the reel in the viewport is read, not the next
  // one preloaded below it.
  { url: 'https://www.youtube.com/shorts/N0Act1veRee1', pictures: { IbrahimaDialloTV_: 'copy-ibrahima-padded.jpg' },
    badges: { IbrahimaDialloTV_: 'impersonation', moussa_k: 'clear', 'awa.ndiaye': 'clear', 'fatou.cooks': undefined },
    badgeIn: ['.reel-video-in-sequence-new:first-child yt-reel-channel-bar-view-model'] },
  { url: 'https://www.youtube.com/live/Lv7aBcD9eFg', names: { IbrahimaDialloTV_: 'Ibrahima Diallo' },
    badges: { IbrahimaDialloTV_: 'impersonation', moussa_k: 'clear' } },
  // The live chat (live21), popped out: each row's @handle, badged beside it; an author who writes again is
  // asked about once (`sentOnce`) and every row of theirs badged (`drawn`); IbrahimaDialloTV_'s photo, on the
  // chat's own image host (yt4.ggpht.com), is a copy; a display name without a handle is not read; the
  // verified badge (its `type`) is the verified mark, a moderator's is not (`cellVerified`), and its tooltip
  // is no part of the name. Fails on the code before: the chat was not read.
  { url: 'https://www.youtube.com/live_chat?is_popout=1&v=Lv7aBcD9eFg', pictures: { IbrahimaDialloTV_: 'copy-ibrahima-padded.jpg' },
    names: { cookingwithfatou: 'cookingwithfatou', IbrahimaDialloTV_: 'IbrahimaDialloTV_' },
    badges: { moussa_k: 'clear', IbrahimaDialloTV_: 'impersonation', 'ibrahimadiallo.giveaway': 'impersonation', cookingwithfatou: 'clear',
      'awa.ndiaye': 'clear', 'fatou.cooks': 'clear', 'Kwabena Mensah': undefined }, drawn: 4,
    sentOnce: ['moussa_k', 'ibrahimadiallo.giveaway'], cellVerified: { cookingwithfatou: true, 'awa.ndiaye': false, moussa_k: false } },
  // A replay's chat framed into its watch page (same host): read in its frame and badged there (`frame`: the
  // frame and the badges drawn in it), its authors listed with the page's (the owner box's badge on the page).
  { url: 'https://www.youtube.com/watch?v=R3playIbr01',
    badges: { IbrahimaDialloTV_: 'impersonation', lbrahimaDiallo: 'impersonation', moussa_k: 'clear' }, drawn: 1,
    frame: ['iframe#chatframe', 2], sentOnce: ['lbrahimaDiallo'] },
  // TikTok's bio link goes through a redirect: the address in its `target` is the website read.
  // Its nickname ends in a typed ✅ and TikTok's data says it is not verified.
  { url: 'https://www.tiktok.com/@zenith.harbour.help', banner: 'impersonation', text: ['zenithharbour-support.com'], absent: ['Verified mark'],
    links: { 'zenith.harbour.help': ['zenithharbour-support.com/login'] } },
  // The website field: the name alone would be suspicious; a site imitating the bank's is the second signal.
  { url: 'https://x.com/zh_support_desk', banner: 'impersonation', text: ['zenithharbour-support.com, made to look like zenithharbour.com'],
    links: { zh_support_desk: ['zenithharbour-support.com'] } },
  // Link fields on every site: the profile's link field (not its bio) goes to a lookalike of the bank's
  // site, and the evidence names it. `links`: the addresses the adapter read, unwrapped.
  // X, first load: the header is not drawn yet; the ProfilePage script's relatedLink holds the website
  // (its t.co entry says nothing and is left out).
  { url: 'https://x.com/zenithharbour_care', banner: 'impersonation', text: ['zenithharbour-care.com, made to look like zenithharbour.com'],
    links: { zenithharbour_care: ['zenithharbour-care.com/help'] } },
  // Bluesky: a description link that shows the bank's real site and goes to a lookalike (the href counts).
  { url: 'https://bsky.app/profile/zenithharbour-care.bsky.social', banner: 'impersonation', text: ['zenithharbour-verify.com, made to look like zenithharbour.com'],
    links: { 'zenithharbour-care.bsky.social': ['zenithharbour-verify.com/account', 'help.example.org/zenith/opening-hours'] } },
  // Instagram: the link under the bio, through l.instagram.com/?u=; the Threads badge is Instagram's own.
  { url: 'https://www.instagram.com/zenithharbour.care/', banner: 'impersonation', text: ['zenithharbour-secure.com, made to look like zenithharbour.com'],
    links: { 'zenithharbour.care': ['zenithharbour-secure.com/verify?utm_source=ig&fbclid=PAZXh0bgNhZW0CMTEAAaa'] } },
  // YouTube: the header's link and the about panel's, through youtube.com/redirect?q=; the channel's
  // own YouTube link is not an outside address.
  { url: 'https://www.youtube.com/@ZenithHarbourLive', banner: 'impersonation', text: ['zenithharbour-rewards.com, made to look like zenithharbour.com'],
    links: { ZenithHarbourLive: ['zenithharbour-rewards.com/claim', 'zenith-harbour-help.net'] } },
  // GitHub: an organisation's page as rendered today (no .orghead), its website a lookalike.
  { url: 'https://github.com/zenithharbour-dev', banner: 'impersonation', text: ['zenithharbour-api.com, made to look like zenithharbour.com', '“Zenith Harbour Developers” @zenithharbour-dev', '312 followers · Verified mark shown on the page'],
    names: { 'zenithharbour-dev': 'Zenith Harbour Developers' }, pictures: { 'zenithharbour-dev': '22220002' },
    bios: { 'zenithharbour-dev': 'SDKs and API access for Zenith Harbour customers.' }, links: { 'zenithharbour-dev': ['zenithharbour-api.com'] } },
  // GitHub: a user's vcard website (a lookalike) and social account (the bank's real X account).
  // A user (GitHub verifies no users) whose bio reads "✔ Verified".
  { url: 'https://github.com/zenithharbour-ops', banner: 'impersonation', text: ['zenithharbour-ops.com, made to look like zenithharbour.com'], absent: ['Verified mark'],
    links: { 'zenithharbour-ops': ['zenithharbour-ops.com', 'twitter.com/ZenithHarbour'] } },
  // Bluesky's account lists as social-app draws them (issue 21; each fixture cites the source it follows).
  // Following: a row's label keeps the raw name, ✅ included (the drawn name has lost it); a row without a
  // display name is labelled with the handle. The profile it was opened from stays mounted, hidden: its
  // lookalike's post is not read. GUARD: main's reader already read these rows (the followers row's code).
  { url: 'https://bsky.app/profile/kwabenamensah.bsky.social/follows',
    names: { 'kwabena-mensah-gh.bsky.social': 'Kwabena Mensah ✅', 'ngozi-eze.bsky.social': 'Ngozi Eze', 'yaw-darko.bsky.social': 'yaw-darko.bsky.social' },
    badges: { 'kwabena-mensah-gh.bsky.social': 'impersonation', 'ngozi-eze.bsky.social': 'clear', 'yaw-darko.bsky.social': 'clear', 'kb-mensah-giveaway.bsky.social': undefined } },
  // Search, People tab: the Top tab's posts are mounted too, hidden (Pager.web). GUARD, as above.
  { url: 'https://bsky.app/search?q=kwabena+mensah', names: { 'kwabenamensah-official.bsky.social': 'Kwabena Mensah' },
    badges: { 'kwabenamensah-official.bsky.social': 'impersonation', 'chidi-n.bsky.social': 'clear', 'kb-mensah-giveaway.bsky.social': undefined } },
  // Search as it is typed: the autocomplete's rows are labelled with the handle, not the name; the name is
  // the one drawn.
  { url: 'https://bsky.app/search', names: { 'kwabena-mensah-gh.bsky.social': 'Кwabena Мensah', 'kwabena-asare.bsky.social': 'Kwabena Asare' },
    badges: { 'kwabena-mensah-gh.bsky.social': 'impersonation', 'kwabena-asare.bsky.social': 'clear' } },
  // Liked by: the thread it was opened from stays mounted, hidden. GUARD, as above.
  { url: 'https://bsky.app/profile/chidi-n.bsky.social/post/3kxyz19/liked-by', names: { 'kwabenamensah-official.bsky.social': 'Kwabena Mensah' },
    badges: { 'kwabenamensah-official.bsky.social': 'impersonation', 'ngozi-eze.bsky.social': 'clear', 'kb-mensah-giveaway.bsky.social': undefined, 'chidi-n.bsky.social': undefined } },
  // Reposted by, in French: the translated label ("Voir le profil de …") still holds the raw name, ✅ included.
  { url: 'https://bsky.app/profile/chidi-n.bsky.social/post/3kxyz19/reposted-by', names: { 'kwabena-mensah-gh.bsky.social': 'Kwabena Mensah ✅', 'ngozi-eze.bsky.social': 'Ngozi Eze' },
    badges: { 'kwabena-mensah-gh.bsky.social': 'impersonation', 'ngozi-eze.bsky.social': 'clear', 'kb-mensah-giveaway.bsky.social': undefined } },
  // A profile opened by DID while the impostor's profile before it stays mounted, hidden (and the page's
  // head is still the impostor's): the shown profile is read. GUARD: main's reader already kept to the
  // shown screen.
  { url: 'https://bsky.app/profile/did:plc:ngozieze00000000000000', banner: 'clear', text: ['“Ngozi Eze” @ngozi-eze.bsky.social'], absent: ['U+2705', 'Kwabena'],
    badges: { 'kwabena-mensah.bsky.social': undefined } },
];

// Mastodon's pages (any server: the adapter reads the markup), checked in firefox.test.mjs once the
// options page's switch has turned Mastodon on (its request for access to all sites granted without a
// prompt). Chromium's sites.test.mjs visits the same pages in its own Mastodon test, with the evidence's
// words. Both web interfaces: the classic one (4.3, `.account__header`, `.status__display-name`) and the
// redesign on Mastodon's main branch.
export const MASTODON_SITES = [
  // Classic: the display name with a Cyrillic е and a copied avatar; a status by another lookalike.
  { url: 'https://social.example.africa/@kwabenamensah', banner: 'impersonation',
    badges: { 'aminatasowe@social.example.africa': 'impersonation', 'ama_owusu@mastodon.africa': 'clear' } },
  // The redesign: no .account__header, no <small>, no .status__display-name.
  { url: 'https://social.example.africa/@kwabenamensah/media', banner: 'impersonation',
    badges: { 'aminatasowe@social.example.africa': 'impersonation' } },
  // Mastodon 4.3's header on a profile tab: the server repeated in a button after the address.
  { url: 'https://social.example.africa/@kwabenamensah/with_replies', banner: 'impersonation' },
  // A remote account whose username holds a dot.
  { url: 'https://mastodon.social/@kwabena.mensah@pixelfed.social', banner: 'impersonation' },
  // The profile's Website field (not the bio) is a lookalike of the bank's site: classic, then redesign.
  { url: 'https://social.example.africa/@zenithharbour_help', banner: 'impersonation' },
  { url: 'https://social.example.africa/@zenithharbour_help/media', banner: 'impersonation' },
];
