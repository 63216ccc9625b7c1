/**
 * The workbench's answer to "is this cell in view": the active sheet's cell drawn inside the
 * grid's scrolled area. A partly visible cell counts as in view, as Excel's own visible range
 * (VBA's Window.VisibleRange) counts it; a row not drawn (virtualised away) is out of view.
 */
export function cellInView(sheet: string, address: string): boolean {
  const active = document.querySelector('.wb-tab-active')?.textContent?.trim();
  if (active !== undefined && active !== sheet) return false;
  const scroller = document.querySelector('.wb-scroll');
  const cell = scroller?.querySelector(`[data-cell="${address}"]`);
  if (!scroller || !cell) return false;
  const box = scroller.getBoundingClientRect();
  const r = cell.getBoundingClientRect();
  return r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
}
