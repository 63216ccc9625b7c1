export { discoverGrids, configuredColumns } from './grids';
export type { Discovery } from './grids';
export { periodFromTitle } from './title';
export { periodHeader, monthFromWord, yearIndexOfMonth } from './periods';
export { HEADER_SYNONYMS } from './synonyms';
