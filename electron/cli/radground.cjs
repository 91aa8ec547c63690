#!/usr/bin/env node
// Entry of the `radground` command: runs the bundled CLI built by `npm run build` (also run by
// `npm ci`/`npm install` through the prepare script).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', '..', 'dist', 'cli', 'radground.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('radground: the CLI is not built yet; run `npm run build` in the project folder.\n');
  process.exit(2);
}
require(bundle);
