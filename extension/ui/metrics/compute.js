// A reviewer's own queue metrics from the local audit log (worker/audit.js entries): decisions per day and
// per week, handle time, the decision and verdict mixes, and checks per site. Pure: the page draws what
// this returns, and tests/e2e/metrics.test.mjs checks it on made-up logs.

// Decisions a reviewer makes about an account; "undo" and "allow_removed" withdraw one, and are not work
// done on a report.
export const COUNTED = ['confirmed', 'not_impersonator', 'escalate'];

// Midnight (local time) of the day holding `t`, in ms.
const dayStart = (t) => {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};
// Monday (local time) of the week holding `t`, in ms.
const weekStart = (t) => {
  const d = new Date(dayStart(t));
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
};

function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const tally = (items, key) => {
  const out = {};
  for (const i of items) out[key(i)] = (out[key(i)] || 0) + 1;
  return out;
};

// `entries`: the audit log; `now`: ms since the epoch; `days` and `weeks`: how far back the series go.
// Handle time is the seconds from the account first shown to the decision (decisions without it are
// left out of the average and median, and counted apart).
export function metrics(entries, now = Date.now(), { days = 14, weeks = 8 } = {}) {
  const decisions = entries.filter((e) => e.event === 'decision' && COUNTED.includes(e.decision));
  const perDay = [];
  // Stepped by calendar date, not by 24 hours: a day of 23 or 25 hours (summer time) is still one day.
  const back = (t, n) => {
    const d = new Date(dayStart(t));
    d.setDate(d.getDate() - n);
    return d.getTime();
  };
  for (let i = days - 1; i >= 0; i--) {
    const start = back(now, i);
    perDay.push({ start, count: decisions.filter((e) => dayStart(e.time) === start).length });
  }
  const perWeek = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const start = weekStart(back(now, 7 * i));
    perWeek.push({ start, count: decisions.filter((e) => weekStart(e.time) === start).length });
  }
  const since = back(now, days - 1);
  const recent = decisions.filter((e) => e.time >= since);
  const timed = recent.map((e) => e.seconds_to_decision).filter((s) => typeof s === 'number' || (typeof s === 'string' && /^\d+$/.test(s))).map(Number);
  const shown = entries.filter((e) => e.event === 'shown' && e.time >= since);
  return {
    perDay,
    perWeek,
    decisions: recent.length,
    handleTime: {
      average: timed.length ? timed.reduce((a, b) => a + b, 0) / timed.length : null,
      median: median(timed),
      timed: timed.length,
      untimed: recent.length - timed.length,
    },
    decisionMix: tally(recent, (e) => e.decision),
    verdictMix: tally(shown, (e) => e.verdict || 'clear'),
    perSite: tally(shown, (e) => e.platform || '?'),
  };
}
