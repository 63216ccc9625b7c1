/**
 * The dialog page the ribbon's Check opens (Office.context.ui.displayDialogAsync): it shows
 * the message from its address and tells the function file to close it when the user
 * presses OK, or by itself after a few seconds for a plain summary. Text is set with
 * textContent only: the address is the user's to edit, so nothing in it becomes markup.
 */
import { readDialogMessage } from './message';
import { askParentToClose } from '../excel/dialog';
import { isPackDialog } from './pack-message';
import { showPackPage } from './pack-page';

function show(): void {
  const m = readDialogMessage(window.location.search);
  document.body.dataset.kind = m.kind;
  document.title = `Outturn: ${m.title}`;
  document.getElementById('title')!.textContent = m.title;
  const list = document.getElementById('lines')!;
  for (const line of m.lines) {
    const li = document.createElement('li');
    li.textContent = line;
    list.appendChild(li);
  }
  const button = document.getElementById('close') as HTMLButtonElement;
  button.addEventListener('click', () => askParentToClose());
  button.focus();
  if (m.closeAfterSeconds !== null) {
    let left = m.closeAfterSeconds;
    const countdown = document.getElementById('countdown')!;
    const tick = () => {
      countdown.textContent = `Closes in ${left} s`;
      if (left-- <= 0) askParentToClose();
      else setTimeout(tick, 1000);
    };
    tick();
  }
}

// The same page shows the assurance pack when the pane opens it for that (Excel for Mac and on iPad).
Office.onReady(() => (isPackDialog(window.location.search) ? showPackPage() : show()));
