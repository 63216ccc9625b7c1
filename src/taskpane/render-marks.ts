/**
 * Performance marks around the pane's first render, read by the browser benchmark
 * (bench/pane.ts, `npm run bench`): 'outturn:office-ready' when Office.onReady has
 * called back, 'outturn:first-render' once React has put the pane in the page.
 */
export const OFFICE_READY = 'outturn:office-ready';
export const FIRST_RENDER = 'outturn:first-render';

export function mark(name: string): void {
  // performance.mark is everywhere the pane runs; guard only so a test environment without it is not broken.
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}
