import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const manifestPath = path.join(root, 'manifest.xml');
const manifest = fs.readFileSync(manifestPath, 'utf8');
const schema = path.resolve(__dirname, '../../shared/schemas/office-addin-manifest/validate/OfficeAppManifestV1_1.xsd');

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Every element's text / attribute the assertions below look at, read without an XML library. */
function all(re: RegExp): string[] {
  return [...manifest.matchAll(re)].map((m) => m[1]);
}

describe('manifest.xml', () => {
  test('validates against the Office add-in XSD schemas with xmllint', () => {
    if (!fs.existsSync(schema) || !hasXmllint()) {
      console.warn(
        `SKIPPED schema validation: ${fs.existsSync(schema) ? 'xmllint is not installed' : `no schemas at ${schema}`}.`,
      );
      // Still prove the file is well-formed XML of the right kind.
      expect(manifest).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
      expect(manifest).toMatch(/<OfficeApp [^>]*xsi:type="TaskPaneApp"/);
      return;
    }
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, manifestPath], { encoding: 'utf8' });
    expect(r.stderr.trim()).toBe(`${manifestPath} validates`);
    expect(r.status).toBe(0);
  });

  test('a manifest with a mistake is rejected by the same validation (the check can fail)', () => {
    if (!fs.existsSync(schema) || !hasXmllint()) {
      console.warn('SKIPPED negative schema validation: schemas or xmllint absent.');
      return;
    }
    const broken = manifest.replace('xsi:type="ShowTaskpane"', 'xsi:type="ShowTaskPane"');
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], {
      input: broken,
      encoding: 'utf8',
    });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/ShowTaskPane/);
  });

  test('is an Excel task-pane add-in asking for ReadWriteDocument and ExcelApi 1.9 only', () => {
    expect(all(/<Host Name="([^"]+)"\/>/g)).toEqual(['Workbook']);
    expect(all(/<Permissions>([^<]+)<\/Permissions>/g)).toEqual(['ReadWriteDocument']);
    expect(all(/<Set Name="([^"]+)" MinVersion="[^"]+"\/>/g)).toEqual(['ExcelApi']);
    expect(all(/<Set Name="ExcelApi" MinVersion="([^"]+)"\/>/g)).toEqual(['1.9']);
    expect(all(/<SourceLocation DefaultValue="([^"]+)"\/>/g)).toEqual(['https://localhost:3000/taskpane.html']);
  });

  test('has a Home-tab group with a pane button and a Check button that runs without the pane', () => {
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(all(/<Action xsi:type="([^"]+)">/g)).toEqual(['ShowTaskpane', 'ExecuteFunction']);
    expect(all(/<FunctionName>([^<]+)<\/FunctionName>/g)).toEqual(['runCheck']);
    const urls = Object.fromEntries(
      [...manifest.matchAll(/<bt:Url id="([^"]+)" DefaultValue="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]),
    );
    expect(urls['Commands.Url']).toBe('https://localhost:3000/commands.html');
    expect(urls['Taskpane.Url']).toBe('https://localhost:3000/taskpane.html');
  });

  test('every resid used is defined, and every icon it names is a real PNG of that size in assets/', () => {
    const defined = new Set(all(/<bt:(?:Image|Url|String) id="([^"]+)"/g));
    const used = all(/resid="([^"]+)"/g);
    expect(used.length).toBeGreaterThan(10);
    for (const id of used) expect(defined).toContain(id);

    const icons = [...manifest.matchAll(/DefaultValue="https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)"/g)];
    expect(new Set(icons.map((m) => m[2]))).toEqual(new Set(['16', '32', '64', '80']));
    for (const [, rel, size] of icons) {
      const png = fs.readFileSync(path.join(root, rel));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: width and height are big-endian at bytes 16 and 20.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  });
});
