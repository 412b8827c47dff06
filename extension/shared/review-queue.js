// The review queue's storage: the key it is kept under in the private store and how items are added (each
// account once). Written by the queue page and the bulk page, stepped by the worker (worker/queue.js).
export { QUEUE_KEY } from './private-store.js';

// The key an item is known by (an account is in the queue once).
export const itemKey = (item) => `${item.platform}:${String(item.handle).toLowerCase()}`;

// `items` added after `queue` ones, each account once (the first kept).
export function addItems(queue, items) {
  const seen = new Set(queue.map(itemKey));
  const out = [...queue];
  for (const it of items) {
    if (seen.has(itemKey(it))) continue;
    seen.add(itemKey(it));
    out.push(it);
  }
  return out;
}
