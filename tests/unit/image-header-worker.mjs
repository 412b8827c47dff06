// Runs `imageHeader` over the inputs it is given, off the test's thread, so that a reader that loops
// forever can be stopped and the input named (tests/unit/image-header-fuzz.test.mjs). `progress[0]` is
// the input being read; the answers are posted back when all are read.
import { workerData, parentPort } from 'node:worker_threads';
import { imageHeader } from '../../extension/shared/image-header.js';

const { inputs, progress } = workerData;
const headers = inputs.map((bytes, k) => {
  Atomics.store(progress, 0, k);
  return imageHeader(bytes);
});
parentPort.postMessage(headers);
