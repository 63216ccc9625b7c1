/**
 * What the checks of issue #22 cost the engine: the same sheets checked with every rule on and
 * with them off, runs alternated so both see the same machine. "Off" also switches off the
 * older rules #22 changed (ytd-mismatch within its own year for every count, negative and
 * fractional counts by counted noun, kind-uncertain): the difference is then an upper bound
 * on what #22 added, never less than it.
 */
import { checkWorkbook } from '../src/engine/check';
import { DEFAULT_CONFIG, OutturnConfig } from '../src/engine/model/config';
import type { SheetModel } from '../src/engine/model/sheet';
import { RULES } from '../src/engine/rules';
import { median } from './stats';

const CHANGED_BY_22 = ['ytd-mismatch', 'negative-count', 'fractional-count', 'kind-uncertain'];

/** The rule ids switched off for the "off" runs. */
export const ISSUE22_RULES: readonly string[] = [
  ...RULES.map((r) => r.id).filter((id) => /^(formula-|spc-|scale-jump)/.test(id)),
  ...CHANGED_BY_22,
];

const ISSUE22_OFF: OutturnConfig = OutturnConfig.parse({
  rules: Object.fromEntries(ISSUE22_RULES.map((id) => [id, { enabled: false }])),
});

export interface PairedCost {
  runs: number;
  /** Median CPU ms of a check with every rule on, and with the #22 rules off. */
  onCpuMs: number;
  offCpuMs: number;
  onWallMs: number;
  offWallMs: number;
  /** The fastest run each way by CPU: on a shared machine, the figure least disturbed by others. */
  onBestCpuMs: number;
  offBestCpuMs: number;
}

/** Check the sheets `runs` times each way, on and off in turn, after one warm-up of each. */
export function pairedRuleCost(sheets: SheetModel[], today: string, runs: number): PairedCost {
  const gc = () => (globalThis as { gc?: () => void }).gc?.();
  const once = (config: OutturnConfig) => {
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    checkWorkbook(sheets, config, { today });
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1000 };
  };
  once(DEFAULT_CONFIG);
  once(ISSUE22_OFF);
  const on: { wall: number; cpu: number }[] = [];
  const off: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    // Which goes first alternates, so neither always follows the other's garbage.
    if (i % 2 === 0) {
      on.push(once(DEFAULT_CONFIG));
      off.push(once(ISSUE22_OFF));
    } else {
      off.push(once(ISSUE22_OFF));
      on.push(once(DEFAULT_CONFIG));
    }
  }
  return {
    runs,
    onCpuMs: median(on.map((r) => r.cpu)),
    offCpuMs: median(off.map((r) => r.cpu)),
    onWallMs: median(on.map((r) => r.wall)),
    offWallMs: median(off.map((r) => r.wall)),
    onBestCpuMs: Math.min(...on.map((r) => r.cpu)),
    offBestCpuMs: Math.min(...off.map((r) => r.cpu)),
  };
}
