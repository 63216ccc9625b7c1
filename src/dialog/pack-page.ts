/**
 * The dialog page as the assurance pack (Excel for Mac and on iPad, where the pane cannot
 * download): it asks the pane for the pack, shows it in place of its own message, and offers
 * Print (window.print(): the toolbar is not printed) and Close. The page arrives as text from
 * the pane, which built it with the same function as `outturn report`; it is parsed inert
 * (DOMParser runs no script) and any script or handler in it is dropped all the same.
 */
import { askParentToClose, listenToParent } from '../excel/dialog';
import { PACK_READY, PackAssembler } from './pack-message';

const TOOLBAR_CSS = `
.outturn-pack-bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 8px; align-items: center;
  padding: 8px 12px; background: #f5f5f5; border-bottom: 1px solid #d1d1d1; font: 14px "Segoe UI", -apple-system, sans-serif; }
.outturn-pack-bar button { font: inherit; padding: 4px 16px; min-height: 32px; border-radius: 4px; cursor: pointer;
  border: 1px solid #d1d1d1; background: #fff; color: #242424; }
.outturn-pack-bar button.primary { border-color: #0f6cbd; background: #0f6cbd; color: #fff; }
.outturn-pack-bar button:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
.outturn-pack-bar span { color: #616161; }
/* The bar sits at the very top on screen, above the pack's own margin; it is never printed. */
@media screen { body { margin-top: 0 !important; } .outturn-pack-bar { margin-bottom: 1rem; } }
@media print { .outturn-pack-bar { display: none; } }
`;

/** Put the pack's page in place of this one's: its styles, its body, and the toolbar above. */
export function showPackInDocument(doc: Document, html: string, print: () => void, close: () => void): void {
  const pack = new DOMParser().parseFromString(html, 'text/html');
  pack.querySelectorAll('script, iframe, object, embed').forEach((n) => n.remove());
  pack.querySelectorAll('*').forEach((el) => {
    for (const a of [...el.attributes]) if (/^on/i.test(a.name)) el.removeAttribute(a.name);
  });
  doc.head.querySelectorAll('style').forEach((n) => n.remove());
  for (const style of pack.head.querySelectorAll('style')) doc.head.appendChild(doc.importNode(style, true));
  const bar = doc.createElement('style');
  bar.textContent = TOOLBAR_CSS;
  doc.head.appendChild(bar);
  doc.title = pack.title || 'Assurance pack';
  if (pack.documentElement.lang) doc.documentElement.lang = pack.documentElement.lang;
  doc.body.removeAttribute('data-kind');
  doc.body.replaceChildren();
  const toolbar = doc.createElement('div');
  toolbar.className = 'outturn-pack-bar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Assurance pack');
  const printButton = doc.createElement('button');
  printButton.type = 'button';
  printButton.className = 'primary';
  printButton.id = 'pack-print';
  printButton.textContent = 'Print';
  printButton.addEventListener('click', print);
  const closeButton = doc.createElement('button');
  closeButton.type = 'button';
  closeButton.id = 'pack-close';
  closeButton.textContent = 'Close';
  closeButton.addEventListener('click', close);
  const hint = doc.createElement('span');
  hint.textContent = 'Print, or save as PDF from the print window.';
  toolbar.append(printButton, closeButton, hint);
  doc.body.appendChild(toolbar);
  for (const n of [...pack.body.childNodes]) doc.body.appendChild(doc.importNode(n, true));
  printButton.focus();
}

/** Wait for the pane's pack and show it; say so on the page if it never comes. */
export function showPackPage(): void {
  const title = document.getElementById('title');
  if (title) title.textContent = 'Preparing the assurance pack…';
  document.getElementById('close')?.addEventListener('click', () => askParentToClose());
  const parts = new PackAssembler();
  void listenToParent(PACK_READY, (message) => {
    const html = parts.add(message);
    if (html !== null)
      showPackInDocument(
        document,
        html,
        () => window.print(),
        () => askParentToClose(),
      );
  }).then((listening) => {
    if (!listening && title) {
      document.body.dataset.kind = 'error';
      title.textContent = 'The assurance pack could not be received: close this and try again.';
    }
  });
}
