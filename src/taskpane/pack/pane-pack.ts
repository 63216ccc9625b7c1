/**
 * The assurance pack from the pane: the same application function and the same page as
 * `outturn report` (app/assurance.ts, cli/report-pack.ts), built from what the pane has (the
 * workbook as just checked through src/excel, the trail through the pane's trail client), and
 * delivered the way this Office allows (pack-route.ts). The Office calls are in src/excel.
 */
import { assurancePack, type AssurancePack } from '../../app/assurance';
import type { LoadedTrail } from '../../signoff/trail';
// The pane renders the very page `outturn report` writes.
import { assurancePackHtml } from '../../app/pack-html';
import { packDialogUrl, packParts, PACK_READY } from '../../dialog/pack-message';
import type { CheckSnapshot } from '../signoff/contract';
import { packFileName, type PackRoute } from './pack-route';

export interface BuiltPack {
  pack: AssurancePack;
  html: string;
  fileName: string;
}

/** The pack of the workbook as last checked, with the trail as read now. */
export function panePack(
  snapshot: CheckSnapshot,
  trail: LoadedTrail,
  workbook: string | null,
  now: Date,
  allSheets?: readonly string[],
): BuiltPack {
  const returnName = workbook ?? 'Workbook';
  const pack = assurancePack({
    returnName,
    trail,
    sheets: snapshot.sheets,
    ...(allSheets ? { allSheets } : {}),
    config: { ok: true, config: snapshot.config },
    today: snapshot.result.timeline.asOf,
  });
  return { pack, html: assurancePackHtml(pack, now), fileName: packFileName(returnName, localDate(now)) };
}

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** What delivering needs from the host: each is a thin wrapper over the browser or src/excel. */
export interface PackIo {
  download(text: string, fileName: string, mime: string): void;
  /** Open the dialog page and send it the parts; resolves when sent or with why not. */
  dialog(
    url: string,
    ready: string,
    parts: readonly string[],
  ): Promise<{ shown: true } | { shown: false; reason: string }>;
  /** The pane page's address: the dialog page is beside it. */
  pageUrl: string;
}

export interface PackDelivery {
  /** The route taken: 'pane' also when the dialog could not be opened. */
  route: PackRoute;
  /** A sentence for the pane. */
  message: string;
}

export async function deliverPack(built: BuiltPack, route: PackRoute, io: PackIo): Promise<PackDelivery> {
  if (route === 'download') {
    io.download(built.html, built.fileName, 'text/html;charset=utf-8');
    return { route, message: `${built.fileName} is being downloaded: open it in a browser to read or print it.` };
  }
  if (route === 'dialog') {
    const out = await io.dialog(packDialogUrl(io.pageUrl), PACK_READY, packParts(built.html));
    if (out.shown)
      return {
        route,
        message:
          'Excel cannot download files from an add-in here, so the assurance pack opened in a window: print it, or save it as a PDF from the print window.',
      };
    return {
      route: 'pane',
      message: `The assurance pack could not open in a window (${out.reason}), so it is shown below: print it from there.`,
    };
  }
  return {
    route,
    message:
      'Excel cannot download files from an add-in here, nor send a page to a window, so the assurance pack is shown below: print it from there.',
  };
}
