#!/usr/bin/env node
// Draws the add-in's ribbon and store icons (16, 32, 64, 80 px PNGs in assets/) from one
// inline SVG, using headless Chromium through playwright-core. Run once after changing
// the glyph: `node scripts/make-icons.js`. The PNGs are committed, so nobody needs Chromium
// to build the add-in.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

// A tick over a 3x3 cell grid: Outturn's teal grid and green tick.
const svg = (size) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
  <rect x="1" y="1" width="30" height="30" rx="3" fill="#ffffff" stroke="#0f6c73" stroke-width="2"/>
  <path d="M11 1.5V30.5M21 1.5V30.5M1.5 11H30.5M1.5 21H30.5" stroke="#0f6c73" stroke-width="1.5"/>
  <rect x="1" y="1" width="30" height="10" rx="3" fill="#0f6c73"/>
  <path d="M7.5 19.5l5.5 5.5 12-13" fill="none" stroke="#107c10" stroke-width="${size <= 16 ? 4.5 : 3.6}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

async function main() {
  const out = path.resolve(__dirname, '..', 'assets');
  fs.mkdirSync(out, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outturn-icons-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await context.newPage();
    for (const size of [16, 32, 64, 80]) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
      const file = path.join(out, `icon-${size}.png`);
      await page.locator('svg').screenshot({ path: file, omitBackground: true });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`make-icons: ${err.message}`);
  process.exit(1);
});
