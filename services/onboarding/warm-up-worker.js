'use strict';
// The warm-up's thread (seeds.ts): synthesizes each cloud's estate into its own output below `root`,
// one cloud after the other, and tells the server of each as soon as it is complete.
const { parentPort, workerData } = require('worker_threads');
// Run from the TypeScript sources (ts-node, jest), the thread has no compiler of its own.
if (workerData.typescript) require('ts-node/register/transpile-only');
const { promote } = require('../../infra/output-swap');
const { synthStaged } = require('../../infra/synth');

for (const cloud of workerData.clouds) {
  try {
    parentPort.postMessage({ cloud, dir: promote(synthStaged(workerData.registry, workerData.root, { clouds: [cloud] })[0]) });
  } catch (e) {
    parentPort.postMessage({ cloud, error: String((e && e.message) || e).split('\n')[0] });
  }
}
