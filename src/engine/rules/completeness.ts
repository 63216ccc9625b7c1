import type { RuleInfo } from '../model/finding';
import type { SingleRole } from '../model/roles';
import { collapseSpaces } from '../text';
import { samePersonName } from '../names';
import { classify, textIn, V } from '../values';
import { readStatus, statusWordsOf } from './status-words';
import { recomputedRag } from './rag';
import { isOutlier } from './outlier';
import type { Emit, GridContext, RowFacts, RuleFamily } from './types';

const rules: RuleInfo[] = [
  {
    id: 'missing-value',
    dimension: 'completeness',
    severity: 'error',
    title: 'Missing current value',
    description:
      "A key indicator has nothing in the current period's cell (an annotation such as N/a or n/k counts as an entry). Annual indicators are not expected monthly.",
    example: 'No figure for Jul, the current period: enter it, or an annotation such as n/k.',
  },
  {
    id: 'missing-target',
    dimension: 'completeness',
    severity: 'error',
    title: 'Missing target',
    description:
      'A key indicator has no target (enter N/a where it has none by design; a status saying the indicator is not rated, such as Data only or For info only, says so too).',
    example: 'No target: enter the target, or N/a where the indicator has none.',
  },
  {
    id: 'missing-floor',
    dimension: 'completeness',
    severity: 'error',
    title: 'Missing floor standard',
    description: 'A key indicator has no floor standard (tolerance), so its RAG cannot be worked out.',
    example: 'No floor standard: enter it, or N/a where the indicator has none.',
  },
  {
    id: 'missing-ref',
    dimension: 'completeness',
    severity: 'error',
    title: 'Missing ref',
    description: 'An indicator row has no ref.',
    example: 'No ref for "% of FOI requests answered within 20 working days": every indicator needs its ref.',
  },
  {
    id: 'missing-description',
    dimension: 'completeness',
    severity: 'error',
    title: 'Missing description',
    description: 'An indicator row has no description.',
    example: 'No description for A05: every indicator needs its description.',
  },
  {
    id: 'missing-owner',
    dimension: 'completeness',
    severity: 'error',
    title: 'Missing compiling officer, responsible officer or head of service',
    description:
      'Where the grid has columns for them, every indicator names its compiling officer, responsible officer and head of service.',
    example: 'No responsible officer named for CS05.',
  },
  {
    id: 'missing-commentary',
    dimension: 'completeness',
    severity: 'warning',
    title: 'Missing commentary',
    description:
      'No commentary where the RAG is RED or AMBER (stated or recomputed) or the value is an outlier against its own history.',
    example: 'RAG is AMBER but there is no commentary: explain the performance and what is being done about it.',
  },
  {
    id: 'period-gap',
    dimension: 'completeness',
    severity: 'warning',
    title: 'Gap in the period series',
    description:
      "An empty period cell between the indicator's first figure and the current period (an annotation fills a gap). Quarterly indicators are expected only at quarter ends; annual ones not at all.",
    example:
      'No figure for May, between Apr and the current period Jul: fill it in, or enter an annotation such as n/k.',
  },
  {
    id: 'compiler-is-checker',
    dimension: 'completeness',
    severity: 'error',
    title: 'Compiler and responsible officer are the same person',
    description:
      'The compiling officer and the responsible officer are the same name (ignoring case, spacing and punctuation): the outturn must be checked by a colleague.',
    example:
      'Sarah Jones is named as both compiling officer and responsible officer: the outturn must be checked by a colleague.',
  },
];

const OWNER_ROLES: readonly [SingleRole, string][] = [
  ['compiler', 'compiling officer'],
  ['responsibleOfficer', 'responsible officer'],
  ['headOfService', 'head of service'],
];

function who(facts: RowFacts): string {
  return facts.ref ?? (facts.description ? `"${facts.description}"` : `row ${facts.row + 1}`);
}

/** The RAG cell says the indicator is not rated, or holds an annotation (N/A). */
function notRated(ctx: GridContext, facts: RowFacts): boolean {
  const c = ctx.shown(facts.row, ctx.grid.columns.rag!);
  if (classify(c, ctx.annotations) === V.annotation) return true;
  const r = readStatus(textIn(c), ctx.grid.headers[ctx.grid.columns.rag!] ?? '', statusWordsOf(ctx.config));
  return r !== null && 'unrated' in r;
}

/** Expected this period? Quarterly indicators report in the quarter's last month; annual ones are not chased. */
function due(ctx: GridContext, facts: RowFacts, periodPos: number): boolean {
  if (facts.frequency === 'annual') return false;
  const p = ctx.grid.periods[periodPos];
  if (facts.frequency === 'quarterly' && p && p.kind === 'month') return p.index % 3 === 2;
  return true;
}

function check(ctx: GridContext, emit: Emit, enabled: (rule: string) => boolean): void {
  const cols = ctx.grid.columns;
  const blankOrNothing = ctx.blank;
  // Officers and commentary are often merged down a block of indicators: read what Excel shows.
  const blankAsShown = ctx.blankShown;
  for (const facts of ctx.rows) {
    const { row } = facts;
    if (facts.key) {
      // Inside a merged area ('New Measure' across the first years) the figure is what Excel shows.
      if (
        ctx.current &&
        enabled('missing-value') &&
        ctx.blank(row, ctx.current.col) &&
        ctx.blankShown(row, ctx.current.col) &&
        (ctx.currentPeriodPos < 0 || due(ctx, facts, ctx.currentPeriodPos))
      ) {
        const what = ctx.currentPeriodPos >= 0 ? `${ctx.current.label}, the current period` : ctx.current.label;
        emit(
          'missing-value',
          row,
          ctx.current.col,
          facts.ref,
          `No figure for ${what}: enter it, or an annotation such as n/k.`,
        );
      }
      // A status that says the indicator is not rated ('Data only', 'For info only', N/A) says it has no target by design.
      const unrated = cols.rag !== undefined && notRated(ctx, facts);
      if (cols.target !== undefined && enabled('missing-target') && ctx.blank(row, cols.target) && !unrated) {
        emit(
          'missing-target',
          row,
          cols.target,
          facts.ref,
          'No target: enter the target, or N/a where the indicator has none.',
        );
      }
      if (cols.floor !== undefined && enabled('missing-floor') && ctx.blank(row, cols.floor) && !unrated) {
        emit(
          'missing-floor',
          row,
          cols.floor,
          facts.ref,
          'No floor standard: enter it, or N/a where the indicator has none.',
        );
      }
      if (cols.ref !== undefined && enabled('missing-ref') && blankOrNothing(row, cols.ref)) {
        emit(
          'missing-ref',
          row,
          cols.ref,
          null,
          `No ref for ${facts.description ? `"${facts.description}"` : `row ${row + 1}`}: every indicator needs its ref.`,
        );
      }
      if (cols.description !== undefined && enabled('missing-description') && blankOrNothing(row, cols.description)) {
        emit(
          'missing-description',
          row,
          cols.description,
          facts.ref,
          `No description for ${who(facts)}: every indicator needs its description.`,
        );
      }
    }
    if (enabled('missing-owner')) {
      for (const [role, words] of OWNER_ROLES) {
        const col = cols[role];
        if (col !== undefined && blankAsShown(row, col))
          emit('missing-owner', row, col, facts.ref, `No ${words} named for ${who(facts)}.`);
      }
    }
    if (enabled('compiler-is-checker') && cols.compiler !== undefined && cols.responsibleOfficer !== undefined) {
      const compiler = textIn(ctx.shown(row, cols.compiler));
      const officer = textIn(ctx.shown(row, cols.responsibleOfficer));
      // The one person-matching rule sign-off uses (names.ts): "J. Patel" compiling and "J Patel" checking is one person.
      if (compiler && officer && samePersonName(compiler, officer)) {
        emit(
          'compiler-is-checker',
          row,
          cols.responsibleOfficer,
          facts.ref,
          `${compiler} is named as both compiling officer and responsible officer: the outturn must be checked by a colleague.`,
        );
      }
    }
    if (enabled('missing-commentary') && cols.commentary !== undefined && blankAsShown(row, cols.commentary)) {
      const reason = commentaryReason(ctx, facts);
      if (reason)
        emit(
          'missing-commentary',
          row,
          cols.commentary,
          facts.ref,
          `${reason} but there is no commentary: explain the performance and what is being done about it.`,
        );
    }
    if (enabled('period-gap') && ctx.currentPeriodPos > 0) {
      let first = -1;
      for (let i = 0; i < ctx.currentPeriodPos; i++) {
        const p = ctx.grid.periods[i];
        if (!ctx.blankShown(row, p.col)) {
          if (first < 0) first = i;
          continue;
        }
        if (first < 0 || !due(ctx, facts, i)) continue;
        emit(
          'period-gap',
          row,
          p.col,
          facts.ref,
          `No figure for ${p.label}, between ${ctx.grid.periods[first].label} and the current period ${ctx.grid.periods[ctx.currentPeriodPos].label}: fill it in, or enter an annotation such as n/k.`,
        );
      }
    }
  }
}

/** Why this row needs commentary ("RAG is AMBER"), or null. */
function commentaryReason(ctx: GridContext, facts: RowFacts): string | null {
  const ragCol = ctx.grid.columns.rag;
  if (ragCol !== undefined) {
    const label = collapseSpaces(ctx.grid.headers[ragCol] ?? 'RAG');
    const text = textIn(ctx.cell(facts.row, ragCol));
    const stated = readStatus(text, ctx.grid.headers[ragCol] ?? '', statusWordsOf(ctx.config));
    const unrated = stated !== null && 'unrated' in stated;
    if (stated && !unrated && !('unrated' in stated) && !stated.rags.includes('GREEN'))
      return `${label} is ${stated.rags.length === 1 ? stated.rags[0] : text}`;
    // A rating the report withholds ('For info only') needs no explanation of a RAG.
    const computed = ctx.current && !unrated ? recomputedRag(facts, facts.currentCell) : null;
    if (computed === 'RED' || computed === 'AMBER') return `The figures make ${label} ${computed}`;
  } else if (ctx.current) {
    const computed = recomputedRag(facts, facts.currentCell);
    if (computed === 'RED' || computed === 'AMBER') return `The figures give a RAG of ${computed}`;
  }
  if (ctx.currentPeriodPos >= 0 && isOutlier(ctx, facts))
    return `${ctx.current!.label} is far outside this indicator's history`;
  return null;
}

export const completenessRules: RuleFamily = { rules, check };
