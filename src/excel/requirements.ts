/** The oldest Excel API the add-in runs on; newer features are detected before use. */
export const MIN_EXCEL_API = '1.9';

/**
 * Which Excel has ExcelApi 1.9, in a user's words. Perpetual (non-subscription) Office on
 * Windows has it from Office 2021, not 2019; Mac from 16.24
 * (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets).
 */
export const HOSTS_WITH_MIN_API =
  'Microsoft 365, Office 2021 or later, Excel on the web, or Excel for Mac 16.24 or later';

/** True when the host supports ExcelApi `version` (e.g. '1.13'). False outside Office. */
export function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Boolean(Office.context?.requirements?.isSetSupported('ExcelApi', version));
  } catch {
    return false;
  }
}
