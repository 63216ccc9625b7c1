/**
 * What the assurance pack needs to know of the Office it runs in: the platform (which decides
 * download or dialog: src/taskpane/pack/pack-route.ts) and the workbook's file name (the
 * download's name). Office.js only here.
 */

/**
 * Office.context.diagnostics.platform (Office.PlatformType), else the older
 * Office.context.platform; null outside Office.
 * https://learn.microsoft.com/en-us/javascript/api/office/office.contextinformation
 */
export function diagnosticsPlatform(): string | null {
  try {
    if (typeof Office === 'undefined' || !Office.context) return null;
    const p = Office.context.diagnostics?.platform ?? Office.context.platform;
    return p ? String(p) : null;
  } catch {
    return null;
  }
}

/**
 * The workbook's file name from Office.context.document.url (a path on this computer, or an
 * https address on OneDrive or SharePoint); null when Office does not say (a new, unsaved workbook).
 */
export function workbookFileName(): string | null {
  try {
    const url = typeof Office !== 'undefined' ? Office.context?.document?.url : null;
    if (!url) return null;
    const last = String(url).split(/[?#]/)[0].split(/[\\/]/).filter(Boolean).pop();
    if (!last) return null;
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  } catch {
    return null;
  }
}
