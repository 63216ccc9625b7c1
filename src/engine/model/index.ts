export * from './cell';
export * from './address';
export * from './sheet';
export * from './roles';
export * from './grid';
export * from './finding';
export * from './config';
export * from './cell-store';
