/**
 * Errors shaped like OfficeExtension.Error: `code` (Excel.ErrorCodes), `message`, and
 * `debugInfo` with the same code, message and the failing call. Code that handles real
 * Office errors by `code` handles these the same way.
 */
export class SimOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export const ErrorCodes = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  conflict: 'Conflict',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidReference: 'InvalidReference',
  invalidSelection: 'InvalidSelection',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  notImplemented: 'NotImplemented',
  propertyNotLoaded: 'PropertyNotLoaded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  unsupportedSheet: 'UnsupportedSheet',
  invalidObjectPath: 'InvalidObjectPath',
} as const;

export function notLoaded(prop: string, cls: string): SimOfficeError {
  return new SimOfficeError(
    ErrorCodes.propertyNotLoaded,
    `The property '${prop}' is not available on ${cls}. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}
