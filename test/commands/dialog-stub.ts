/**
 * Office.context.ui as the reference documents it, for the simulator (which has no dialogs):
 * https://learn.microsoft.com/en-us/javascript/api/office/office.ui#office-office-ui-displaydialogasync-member(1)
 * https://learn.microsoft.com/en-us/javascript/api/office/office.dialog
 * Strict where Office is: the start address must be absolute and https (12005) and on the
 * add-in's own origin (12004); one dialog at a time per page (12007); height and width are
 * percentages; the callback is called asynchronously with an AsyncResult; events stop
 * once the dialog is closed; close() takes no callback. The test plays the dialog page
 * (`pageSays`) and the user (`userCloses`).
 */
export interface OpenDialog {
  url: string;
  options: Office.DialogOptions;
  closed: boolean;
}

export interface DialogStub {
  /** Every dialog opened and handed to its caller, in order. */
  opened: OpenDialog[];
  /** The dialog's page calls Office.context.ui.messageParent(message). */
  pageSays(message: string): void;
  /** The user closes the dialog with its X (DialogEventReceived, 12006). */
  userCloses(): void;
  /** Make the next displayDialogAsync fail with this code (12007, 12009, 12011 …). */
  failNext(code: number, message: string): void;
  uninstall(): void;
}

const EventType = {
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
} as const;
const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' } as const;

type Handler = (arg: { message: string; origin: string | undefined } | { error: number }) => void;

/** Give the installed simulator's Office a `context.ui` on `origin` (the add-in's domain) and DialogApi 1.1. */
export function installDialogStub(origin = 'https://localhost:3000'): DialogStub {
  const office = (
    globalThis as unknown as {
      Office: Record<string, unknown> & {
        context: Record<string, unknown> & { requirements: { isSetSupported(n: string, v?: string): boolean } };
      };
    }
  ).Office;
  const saved = {
    ui: office.context.ui,
    EventType: office.EventType,
    AsyncResultStatus: office.AsyncResultStatus,
    isSetSupported: office.context.requirements.isSetSupported,
  };
  const opened: OpenDialog[] = [];
  let current: { d: OpenDialog; handlers: Map<string, Handler[]> } | null = null;
  let failure: { code: number; message: string } | null = null;

  const fail = (callback: (r: unknown) => void, code: number, message: string) =>
    setTimeout(
      () => callback({ status: AsyncResultStatus.Failed, error: { code, name: 'Error', message }, value: undefined }),
      0,
    );
  const emit = (type: string, arg: Parameters<Handler>[0]) => {
    if (!current || current.d.closed) return;
    for (const h of current.handlers.get(type) ?? []) h(arg);
  };

  office.EventType = { ...(saved.EventType as object), ...EventType };
  office.AsyncResultStatus = AsyncResultStatus;
  const isSetSupported = saved.isSetSupported;
  office.context.requirements.isSetSupported = (name: string, version?: string) =>
    name === 'DialogApi' ? ['1.1', '1.2', undefined].includes(version) : isSetSupported(name, version);
  office.context.ui = {
    displayDialogAsync(startAddress: string, options: Office.DialogOptions, callback?: (r: unknown) => void) {
      if (typeof callback !== 'function')
        throw new Error('displayDialogAsync: this test stub needs the callback to hand back the dialog.');
      let url: URL;
      try {
        url = new URL(startAddress);
      } catch {
        return fail(
          callback,
          12003,
          'The dialog box was directed to a URL with the HTTP protocol or to an invalid URL.',
        );
      }
      if (url.protocol !== 'https:')
        return fail(callback, 12005, 'The URL passed to displayDialogAsync uses the HTTP protocol. HTTPS is required.');
      if (url.origin !== origin)
        return fail(callback, 12004, 'The domain of the URL passed to displayDialogAsync is not trusted.');
      for (const k of ['height', 'width'] as const) {
        const v = options?.[k];
        if (v !== undefined && !(typeof v === 'number' && v > 0 && v <= 100))
          throw new Error(`displayDialogAsync: ${k} is a percentage of the screen, got ${String(v)}.`);
      }
      if (current && !current.d.closed)
        return fail(callback, 12007, 'A dialog box is already opened from this host window.');
      if (failure) {
        const f = failure;
        failure = null;
        return fail(callback, f.code, f.message);
      }
      const d: OpenDialog = { url: startAddress, options, closed: false };
      const handlers = new Map<string, Handler[]>();
      current = { d, handlers };
      const dialog = {
        addEventHandler(type: string, handler: Handler) {
          if (type !== EventType.DialogMessageReceived && type !== EventType.DialogEventReceived)
            throw new Error(`Dialog.addEventHandler: unsupported event type ${type}.`);
          handlers.set(type, [...(handlers.get(type) ?? []), handler]);
        },
        close() {
          d.closed = true;
        },
        messageChild() {
          throw new Error('messageChild is not used by Outturn.');
        },
      };
      // The dialog is on screen (and can be answered) only once its callback has been called.
      setTimeout(() => {
        opened.push(d);
        callback({ status: AsyncResultStatus.Succeeded, value: dialog, error: undefined });
      }, 0);
    },
    messageParent() {
      throw new Error('messageParent is for the dialog page, not the page that opened it.');
    },
  };

  return {
    opened,
    pageSays: (message) => emit(EventType.DialogMessageReceived, { message, origin }),
    userCloses: () => {
      emit(EventType.DialogEventReceived, { error: 12006 });
      if (current) current.d.closed = true;
    },
    failNext: (code, message) => {
      failure = { code, message };
    },
    uninstall: () => {
      office.context.ui = saved.ui;
      office.EventType = saved.EventType;
      office.AsyncResultStatus = saved.AsyncResultStatus;
      office.context.requirements.isSetSupported = isSetSupported;
    },
  };
}
