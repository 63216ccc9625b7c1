/**
 * The e2e task pane (e2e.html, sideloaded by `npm run test:e2e` with test/e2e's manifest),
 * as Microsoft's add-in templates do it: inside Excel, ping the test server
 * (office-addin-test-server on https://localhost:4201), run the scenario, show each step
 * as it finishes, and send every step's result to the server, which the runner prints.
 */
import { pingTestServer, sendTestResults } from 'office-addin-test-helpers';
import { runScenario } from './scenario';

export const TEST_SERVER_PORT = 4201;

function say(text: string): void {
  document.getElementById('state')!.textContent = text;
}

Office.onReady(async (info) => {
  if (info.host !== Office.HostType.Excel) {
    say('This page runs inside Excel: start it with npm run test:e2e.');
    return;
  }
  try {
    const ping = await pingTestServer(TEST_SERVER_PORT);
    if (ping.status !== 200) throw new Error(`status ${ping.status}`);
  } catch {
    say(`No test server on https://localhost:${TEST_SERVER_PORT}: start the run with npm run test:e2e.`);
    return;
  }
  say('Running…');
  const log = document.getElementById('log')!;
  const results = await runScenario((r) => {
    const li = document.createElement('li');
    li.className = r.Value;
    li.textContent = `${r.Value === 'pass' ? '✓' : '✗'} ${r.Name}: ${r.Detail}`;
    log.appendChild(li);
  });
  const sent = await sendTestResults(results, TEST_SERVER_PORT);
  say(sent ? 'Done: results sent to the test server.' : 'Done, but the results could not be sent to the test server.');
});
