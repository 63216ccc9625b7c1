/** Sign-off and the audit trail: pure TypeScript, shared by the add-in and the command line. */
export * from './sha256';
export * from './canonical-json';
export * from './fingerprint';
export * from './roles';
export * from './trail';
export * from './state';
export * from './rules';
export * from './summary';
export * from './storage-rows';
export * from './outstanding';
export * from './names';
export * from './owners';
export * from './progress';
export * from './owner-rules';
export * from './return-state';
