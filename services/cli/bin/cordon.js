#!/usr/bin/env node
'use strict';
// Thin launcher: compile-free TypeScript via ts-node (types are checked by `npm test`).
const path = require('path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', '..', '..', 'tsconfig.json') });
void Promise.resolve(require('../main').main(process.argv.slice(2))).then((code) => (process.exitCode = code));
