/**
 * The web pages webpack builds: Office requires the pane and the function file to load
 * Office.js from Microsoft's CDN; the workbench must not (it runs on the simulator, and
 * its tests never reach the internet).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

interface PageOptions {
  filename: string;
  template: string;
  chunks: string[];
  officeJs?: string;
}

async function pages(env: Record<string, string> = {}, mode = 'production'): Promise<PageOptions[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS
  const config = await require(path.join(ROOT, 'webpack.config.js'))(env, { mode });
  return config.plugins
    .filter((p: { constructor: { name: string } }) => p.constructor.name === 'HtmlWebpackPlugin')
    .map((p: { userOptions: PageOptions }) => p.userOptions);
}

test('taskpane.html and commands.html load Office.js from the CDN; workbench.html loads nothing from outside', async () => {
  const byName = Object.fromEntries((await pages()).map((p) => [p.filename, p]));
  expect(Object.keys(byName).sort()).toEqual(['commands.html', 'dialog.html', 'taskpane.html', 'workbench.html']);
  for (const name of ['taskpane.html', 'commands.html', 'dialog.html']) {
    expect(byName[name].officeJs).toBe(OFFICE_JS);
    expect(fs.readFileSync(path.join(ROOT, byName[name].template), 'utf8')).toContain(
      '<script src="<%= htmlWebpackPlugin.options.officeJs %>"></script>',
    );
  }
  expect(byName['workbench.html'].officeJs).toBeUndefined();
  expect(fs.readFileSync(path.join(ROOT, byName['workbench.html'].template), 'utf8')).not.toMatch(
    /(src|href)="https?:/,
  );
  expect(byName['taskpane.html'].chunks).toEqual(['taskpane']);
  expect(byName['commands.html'].chunks).toEqual(['commands']);
  expect(byName['dialog.html'].chunks).toEqual(['dialog']);
});

test("development and test builds load the @microsoft/office-js package's copy from the add-in's own origin", async () => {
  for (const [env, mode] of [
    [{}, 'development'],
    [{ officeJs: 'local' }, 'production'],
  ] as const) {
    const byName = Object.fromEntries((await pages(env, mode)).map((p) => [p.filename, p]));
    for (const name of ['taskpane.html', 'commands.html', 'dialog.html'])
      expect(byName[name].officeJs).toBe('office-js/office.js');
  }
});

test("the manifest's pages are the ones built, and the pane entry points exist", async () => {
  const manifest = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const built = new Set((await pages()).map((p) => p.filename));
  for (const m of manifest.matchAll(/https:\/\/localhost:3000\/([\w-]+\.html)/g)) expect(built).toContain(m[1]);
  for (const entry of ['src/taskpane/index.tsx', 'src/commands/commands.ts', 'src/workbench/index.tsx'])
    expect(fs.existsSync(path.join(ROOT, entry))).toBe(true);
});
