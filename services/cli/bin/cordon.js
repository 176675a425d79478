#!/usr/bin/env node
'use strict';
// Thin launcher: compile-free TypeScript via ts-node (types are checked by `npm test`).
const path = require('path');
// cdktf's HashiCorp checkpoint would call the network (and log an error offline): cordon never wants it.
process.env.CHECKPOINT_DISABLE ??= '1';
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', '..', '..', 'tsconfig.json') });
void Promise.resolve(require('../main').main(process.argv.slice(2))).then((code) => (process.exitCode = code));
