/** The oldest Excel API the add-in runs on; newer features are detected before use. */
export const MIN_EXCEL_API = '1.9';

/** True when the host supports ExcelApi `version` (e.g. '1.13'). False outside Office. */
export function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Boolean(Office.context?.requirements?.isSetSupported('ExcelApi', version));
  } catch {
    return false;
  }
}
