// Lines for the bulk page's test and benchmark: one in ten copies a demo protected account (an address
// with a Cyrillic display name, or an @handle with a digit added), the rest are ordinary people.
const FIRST = ['Chidi', 'Folake', 'Yaw', 'Awa', 'Moussa', 'Efua', 'Kofi', 'Ngozi', 'Seun', 'Mariama', 'Jean', 'Claire', 'Olu', 'Binta', 'Kemi'];
const LAST = ['Okoro', 'Adebayo', 'Boateng', 'Ndiaye', 'Traore', 'Asante', 'Eze', 'Balogun', 'Diop', 'Kone', 'Mbeki', 'Okafor', 'Sarr', 'Ouedraogo'];

export function bulkLines(n) {
  const lines = [];
  const expect = []; // [line number, verdict, match] for the copies
  for (let i = 0; i < n; i++) {
    if (i % 20 === 0) {
      lines.push('https://x.com/KwabenaMensahGH Кwabena Мensah');
      expect.push([i + 1, 'impersonation', 'vip-002']);
    } else if (i % 20 === 10) {
      lines.push(`@AminataSowe${(i % 9) + 1} Aminata Sowé`);
      expect.push([i + 1, 'impersonation', 'vip-005']);
    } else {
      const f = FIRST[i % FIRST.length];
      const l = LAST[Math.floor(i / FIRST.length) % LAST.length];
      lines.push(i % 3 === 0 ? `https://x.com/${f.toLowerCase()}_${l.toLowerCase()}${i} ${f} ${l}` : `@${f}${l}${i} ${f} ${l}`);
    }
  }
  return { text: lines.join('\n'), expect };
}
