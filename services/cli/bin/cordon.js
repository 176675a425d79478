#!/usr/bin/env node
'use strict';
// Thin launcher: runs the compiled JavaScript in .build/, compiling what changed first.
const path = require('path');
// cdktf's HashiCorp checkpoint would call the network (and log an error offline): cordon never wants it.
process.env.CHECKPOINT_DISABLE ??= '1';
const { compile, OUT } = require('./compile');
try {
  compile();
} catch (e) {
  process.stderr.write(`cordon: ${e.message}\n`);
  process.exit(2);
}
void Promise.resolve(require(path.join(OUT, 'services', 'cli', 'main')).main(process.argv.slice(2))).then((code) => (process.exitCode = code));
