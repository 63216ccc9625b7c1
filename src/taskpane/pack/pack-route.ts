/**
 * How the assurance pack reaches the user on this Office: one decision, pure, tested.
 *
 * `platform` is Office.context.diagnostics.platform (Office.PlatformType: PC, OfficeOnline,
 * Mac, iOS, Android, Universal):
 * https://learn.microsoft.com/en-us/javascript/api/office/office.contextinformation
 * https://learn.microsoft.com/en-us/javascript/api/office/office.platformtype
 * Windows (WebView2) and Office on the web download a Blob through an `<a download>` click.
 * Excel for Mac and on iPad show the pane in a web view that ignores that click (office-js
 * #2700, #3385, #4681), so the pack opens in an Office dialog, which can print it; the page
 * is handed to the dialog with Dialog.messageChild, which needs DialogApi 1.2:
 * https://learn.microsoft.com/en-us/javascript/api/requirement-sets/common/dialog-api-requirement-sets
 * Without it the pack is shown in the pane itself, with a Print button. A platform Office
 * does not name is treated as one that cannot download: the dialog works everywhere.
 */
export type PackRoute = 'download' | 'dialog' | 'pane';

export function packRoute(platform: string | null | undefined, dialogMessages: boolean): PackRoute {
  if (platform === 'PC' || platform === 'OfficeOnline') return 'download';
  return dialogMessages ? 'dialog' : 'pane';
}

/** The file name the download gets: '<workbook name> assurance pack <YYYY-MM-DD>.html'. */
export function packFileName(workbook: string, date: string): string {
  const base =
    workbook
      .replace(/\.(xlsx|xlsm|xlsb|xls)$/i, '')
      // Characters no file system accepts in a name become a space.
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\p{Cc}+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Workbook';
  return `${base} assurance pack ${date}.html`;
}
