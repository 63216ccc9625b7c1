/**
 * A small Office dialog for telling the user something from a page without a pane (the
 * ribbon's function file). Office.js as documented:
 * - Office.context.ui.displayDialogAsync (DialogApi 1.1) takes an absolute https address in
 *   the add-in's domain; it fails with 12004 (domain not trusted), 12005 (not https),
 *   12007 (this page already has a dialog open), 12009 (the user ignored it), 12011 (the
 *   browser blocked the pop-up). `displayInIframe` shows it inside Office on the web (no
 *   pop-up to block) and is ignored elsewhere.
 *   https://learn.microsoft.com/en-us/javascript/api/office/office.ui#office-office-ui-displaydialogasync-member(1)
 * - Office.Dialog: DialogMessageReceived carries messageParent's text; DialogEventReceived
 *   carries 12002 / 12003 (the page could not load) or 12006 (the user closed it);
 *   close() is asynchronous and takes no callback.
 *   https://learn.microsoft.com/en-us/javascript/api/office/office.dialog
 * - Old web views call the displayDialogAsync callback synchronously (office-js #1301), so
 *   handlers are added inside the callback before anything else can happen.
 * - A function command must call event.completed() only once the dialog is done: on Mac
 *   completed() closes the dialog (office-js #428), and a second dialog cannot open until
 *   it is called. The caller does that when this promise settles; it never rejects.
 */
export type DialogOutcome =
  { shown: true; closedBy: 'page' | 'user' | 'timeout' | 'error' } | { shown: false; reason: string };

export interface DialogSize {
  /** Percent of the screen (Office's unit); kept within 1–99 as the reference asks. */
  heightPercent: number;
  widthPercent: number;
  /** Close the dialog after this long even when nobody answers, so the command always completes. */
  timeoutMs: number;
}

const CLOSE = 'close';
const percent = (n: number) => Math.min(99, Math.max(1, Math.round(n)));

/** Whether this Office can open a dialog at all. */
export function dialogsSupported(): boolean {
  try {
    return (
      typeof Office !== 'undefined' &&
      typeof Office.context?.ui?.displayDialogAsync === 'function' &&
      Office.context.requirements.isSetSupported('DialogApi', '1.1')
    );
  } catch {
    return false;
  }
}

/** Open `url` as a dialog and settle when it is closed, by its page, by the user or by the timeout. */
export function showDialog(url: string, size: DialogSize): Promise<DialogOutcome> {
  if (!dialogsSupported())
    return Promise.resolve({ shown: false, reason: 'this Office cannot open dialogs (DialogApi 1.1)' });
  return new Promise<DialogOutcome>((resolve) => {
    let settled = false;
    let dialog: Office.Dialog | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const finish = (outcome: DialogOutcome, close: boolean) => {
      if (settled) return;
      settled = true;
      if (timer !== null) clearTimeout(timer);
      if (close && dialog) {
        try {
          dialog.close();
        } catch {
          /* already gone */
        }
      }
      resolve(outcome);
    };
    try {
      Office.context.ui.displayDialogAsync(
        url,
        { height: percent(size.heightPercent), width: percent(size.widthPercent), displayInIframe: true },
        (result) => {
          if (result.status === Office.AsyncResultStatus.Failed) {
            finish(
              {
                shown: false,
                reason: `Office could not open the dialog (${result.error?.code ?? '?'}: ${result.error?.message ?? 'no reason given'})`,
              },
              false,
            );
            return;
          }
          dialog = result.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
            if ('message' in arg && arg.message === CLOSE) finish({ shown: true, closedBy: 'page' }, true);
          });
          dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
            const code = 'error' in arg ? arg.error : 0;
            finish({ shown: true, closedBy: code === 12006 ? 'user' : 'error' }, code !== 12006);
          });
          timer = setTimeout(() => finish({ shown: true, closedBy: 'timeout' }, true), size.timeoutMs);
        },
      );
    } catch (err) {
      finish(
        {
          shown: false,
          reason: `Office could not open the dialog (${err instanceof Error ? err.message : String(err)})`,
        },
        false,
      );
    }
  });
}

/** From the dialog page: ask the page that opened it to close it (Office.context.ui.messageParent, DialogApi 1.1). */
export function askParentToClose(): void {
  try {
    Office.context.ui.messageParent(CLOSE);
  } catch {
    // Opened outside Office (a browser tab): there is no parent to tell.
    window.close();
  }
}

// ------------------------------------------------------------------ the assurance pack in a dialog

/**
 * Whether the pane can hand a dialog its page (Dialog.messageChild, DialogApi 1.2; Excel for Mac
 * and on iPad from 16.37):
 * https://learn.microsoft.com/en-us/javascript/api/requirement-sets/common/dialog-api-requirement-sets
 */
export function dialogMessagesSupported(): boolean {
  try {
    return dialogsSupported() && Office.context.requirements.isSetSupported('DialogApi', '1.2');
  } catch {
    return false;
  }
}

/** How the pack's dialog went: shown until someone closed it, or why it could not be shown. */
export type PackDialogOutcome = { shown: true } | { shown: false; reason: string };

/**
 * Open the pack's dialog page and, once it says it listens (`ready`), send it `parts` with
 * Dialog.messageChild. Resolves once the parts are sent (the dialog stays open for the user to
 * print and close), or with why it could not be shown.
 * https://learn.microsoft.com/en-us/javascript/api/office/office.dialog
 */
export function showPackDialog(url: string, ready: string, parts: readonly string[]): Promise<PackDialogOutcome> {
  if (!dialogMessagesSupported())
    return Promise.resolve({ shown: false, reason: 'this Office cannot send a page to a dialog (DialogApi 1.2)' });
  return new Promise<PackDialogOutcome>((resolve) => {
    let settled = false;
    const finish = (o: PackDialogOutcome) => {
      if (!settled) {
        settled = true;
        resolve(o);
      }
    };
    try {
      Office.context.ui.displayDialogAsync(url, { height: 90, width: 70, displayInIframe: true }, (result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          finish({
            shown: false,
            reason: `Office could not open the dialog (${result.error?.code ?? '?'}: ${result.error?.message ?? 'no reason given'})`,
          });
          return;
        }
        const dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if (!('message' in arg)) return;
          if (arg.message === CLOSE) {
            dialog.close();
            finish({ shown: true });
          } else if (arg.message === ready) {
            try {
              for (const part of parts) dialog.messageChild(part);
              finish({ shown: true });
            } catch (err) {
              dialog.close();
              finish({
                shown: false,
                reason: `Office could not send the pack to the dialog (${err instanceof Error ? err.message : String(err)})`,
              });
            }
          }
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          const code = 'error' in arg ? arg.error : 0;
          finish(
            code === 12006 ? { shown: true } : { shown: false, reason: `the dialog could not load its page (${code})` },
          );
        });
      });
    } catch (err) {
      finish({
        shown: false,
        reason: `Office could not open the dialog (${err instanceof Error ? err.message : String(err)})`,
      });
    }
  });
}

/**
 * From the dialog page: listen for the parent's messages (DialogParentMessageReceived), then
 * tell it with `ready` that they can be sent. Messages from another origin than the dialog's
 * own are ignored where Office names the sender (DialogOrigin 1.1).
 * https://learn.microsoft.com/en-us/javascript/api/office/office.dialogparentmessagereceivedeventargs
 */
export function listenToParent(ready: string, onMessage: (message: string) => void): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    try {
      Office.context.ui.addHandlerAsync(
        Office.EventType.DialogParentMessageReceived,
        (arg: { message: string; origin?: string }) => {
          if (arg.origin && arg.origin !== window.location.origin) return;
          onMessage(arg.message);
        },
        (result: Office.AsyncResult<void>) => {
          if (result.status === Office.AsyncResultStatus.Failed) return resolve(false);
          Office.context.ui.messageParent(ready);
          resolve(true);
        },
      );
    } catch {
      resolve(false);
    }
  });
}
