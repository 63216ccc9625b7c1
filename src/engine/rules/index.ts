import type { RuleInfo } from '../model/finding';
import { cellRules } from './cells';
import { ragRules } from './rag';
import { dotRules } from './dot';
import { rangeRules } from './range';
import { ratioRules } from './ratio';
import { ytdRules } from './ytd';
import { duplicateRules } from './duplicates';
import { outlierRules } from './outlier';
import { completenessRules } from './completeness';
import { timelinessRules } from './timeliness';
import { bodyRules } from './bodies';
import { changeRules } from './change';
import { coverageRules } from './coverage';
import { ownerRules } from './owners';
import { reliabilityRules } from './reliability';
import { scaleJumpRules } from './scale-jump';
import { formulaRules } from './formulas';
import { spcRules } from './spc';
import type { RuleFamily } from './types';

/** Every rule family, run in this order over each grid. */
export const FAMILIES: readonly RuleFamily[] = [
  ragRules,
  dotRules,
  rangeRules,
  cellRules,
  ratioRules,
  ytdRules,
  duplicateRules,
  outlierRules,
  completenessRules,
  timelinessRules,
  bodyRules,
  changeRules,
  coverageRules,
  ownerRules,
  reliabilityRules,
  scaleJumpRules,
  formulaRules,
  spcRules,
];

/** The rule catalogue: every rule the engine can report, with its default severity (docs/RULES.md, the Settings tab). */
export const RULES: readonly RuleInfo[] = FAMILIES.flatMap((f) => f.rules);

export const RULES_BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));

export type { RuleFamily, GridContext, RowFacts, SignoffState, Timeline, Emit } from './types';
export { ragFor, parseDot } from './judgement';
export { signoffOutstanding, isoDateIn } from './timeliness';
export { buildContext } from './context';
export { polarityFromText } from './polarity';
