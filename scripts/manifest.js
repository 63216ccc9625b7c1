#!/usr/bin/env node
// The add-in's manifests. manifest.xml in the repository is the development manifest: every
// address in it is on https://localhost:3000, where `npm start` serves the pane. A production
// manifest is the same file for the address an organisation hosts the pane at (OUTTURN_URL):
// the same add-in id (so Office treats a new build as an update of the same add-in, not a new
// one), the package's version, and every address moved to that host.
//   node scripts/manifest.js https://outturn.example.gov.uk [out.xml]   writes it (stdout when no file)
// `OUTTURN_URL=https://… npm run build` writes it to dist/manifest.xml and dist/web/manifest.xml.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DEV_MANIFEST = path.join(ROOT, 'manifest.xml');
/** Where the development manifest points; every production address replaces this one. */
const DEV_BASE = 'https://localhost:3000';

/**
 * The base address the pane is served from, without a trailing slash, or an Error saying what
 * is wrong. Office loads add-ins only over https; a query or fragment would be copied into
 * every address and break them.
 */
function parseBaseUrl(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return new Error('OUTTURN_URL is empty: give the https address the pane is hosted at.');
  let url;
  try {
    url = new URL(text);
  } catch {
    return new Error(`OUTTURN_URL "${text}" is not an address (expected e.g. https://outturn.example.gov.uk).`);
  }
  if (url.protocol !== 'https:')
    return new Error(`OUTTURN_URL "${text}" must start with https:// (Office loads add-ins over https only).`);
  if (url.search || url.hash) return new Error(`OUTTURN_URL "${text}" must not have a query (?) or fragment (#).`);
  if (url.username || url.password) return new Error(`OUTTURN_URL "${text}" must not carry a user name or password.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** 'x.y.z' (package.json) as the four-part version the manifest's schema asks for. */
function manifestVersion(semver) {
  const parts = String(semver)
    .split(/[.+-]/)
    .slice(0, 3)
    .map((p) => p.replace(/\D/g, '') || '0');
  while (parts.length < 3) parts.push('0');
  return [...parts, '0'].join('.');
}

/**
 * The manifest for `base` (an address parseBaseUrl accepted): every development address moved
 * there, the <AppDomain> its origin, the version the package's. Throws when the template holds
 * an address this does not know how to move (so nothing is left pointing at localhost).
 */
function renderManifest(template, base, version) {
  const origin = new URL(base).origin;
  let xml = template
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .split(`${DEV_BASE}/`)
    .join(`${base}/`);
  if (version) xml = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(version)}</Version>`);
  if (base !== DEV_BASE && xml.includes('localhost')) {
    throw new Error('the manifest still names localhost after moving its addresses');
  }
  return xml;
}

/** Every address in a manifest (attribute values and element text), namespaces left out. */
function manifestUrls(xml) {
  const urls = [];
  for (const m of xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)) urls.push(m[1]);
  for (const m of xml.matchAll(/<(?:AppDomain|SourceLocation|IconUrl|SupportUrl)[^>]*>\s*(https?:\/\/[^<\s]*)\s*</g)) {
    urls.push(m[1]);
  }
  return urls;
}

function packageVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

/** The production manifest for OUTTURN_URL (or `raw`), read from the development one. */
function productionManifest(raw) {
  const base = parseBaseUrl(raw);
  if (base instanceof Error) throw base;
  return renderManifest(fs.readFileSync(DEV_MANIFEST, 'utf8'), base, packageVersion());
}

module.exports = {
  DEV_BASE,
  DEV_MANIFEST,
  parseBaseUrl,
  manifestVersion,
  renderManifest,
  manifestUrls,
  productionManifest,
};

if (require.main === module) {
  const [raw = process.env.OUTTURN_URL, out] = process.argv.slice(2);
  try {
    const xml = productionManifest(raw);
    if (out) {
      fs.writeFileSync(out, xml);
      console.log(`outturn: wrote ${out} for ${parseBaseUrl(raw)}`);
    } else process.stdout.write(xml);
  } catch (err) {
    console.error(`outturn: ${err.message}`);
    process.exit(2);
  }
}
