// Preloaded into child processes of the concurrency test (NODE_OPTIONS=--require): holds
// each rename of one of our temporary files for a moment, so that two writers' windows
// between "re-read the trail head" and "rename into place" surely overlap, as they do
// on a slow network share. Without the lock, one of two overlapping signatures is lost.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload, run by node --require
const fs = require('fs');
const rename = fs.promises.rename;
const delay = Number(process.env.OUTTURN_TEST_RENAME_DELAY_MS || 1500);
fs.promises.rename = async function slowRename(from, to) {
  if (String(from).endsWith('.tmp')) await new Promise((r) => setTimeout(r, delay));
  return rename.call(fs.promises, from, to);
};
