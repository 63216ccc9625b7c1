import * as React from 'react';
import { Caption1, Text, Tooltip, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  outstandingLines,
  progressLines,
  type CellStatus,
  type MatrixCell,
  type Progress,
} from '../../signoff/progress';
import { ROLE_TITLES, SIGN_ROLES } from '../../signoff/roles';
import { formatDateTime } from '../format-date';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    padding: '2px 4px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    verticalAlign: 'bottom',
    overflowWrap: 'anywhere',
  },
  ref: { width: '3.6em', fontVariantNumeric: 'tabular-nums' },
  td: {
    padding: '3px 4px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    verticalAlign: 'top',
    overflowWrap: 'anywhere',
  },
  status: { display: 'block', fontWeight: tokens.fontWeightSemibold },
  signed: { color: tokens.colorPaletteGreenForeground1 },
  stale: { color: tokens.colorPaletteRedForeground1 },
  withdrawn: { color: tokens.colorPaletteMarigoldForeground1 },
  todo: { color: tokens.colorNeutralForeground3 },
  name: { display: 'block', color: tokens.colorNeutralForeground2 },
  area: { fontWeight: tokens.fontWeightSemibold, padding: '6px 4px 2px', color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const WORD: Record<CellStatus, string> = {
  signed: '✓ Signed',
  stale: '! Stale',
  withdrawn: '↺ Withdrawn',
  'not-signed': '– To sign',
};
const SHORT_TITLE = {
  compiler: 'Compiler',
  'responsible-officer': 'Resp. officer',
  'head-of-service': 'Head of service',
} as const;

function cellTitle(c: MatrixCell): string {
  const sig = c.signature;
  if (c.status === 'not-signed') return c.owner ? `${c.owner} has not signed yet` : 'No owner named in the grid';
  const who = sig?.actor?.name ?? 'unknown';
  const by = sig?.payload.scope?.delegation
    ? ` for ${sig.payload.scope.delegation.for} (delegation: ${sig.payload.scope.delegation.reason})`
    : '';
  const when = sig ? formatDateTime(sig.at) : '';
  if (c.status === 'withdrawn')
    return `Signed by ${who}${by} on ${when}; withdrawn: ${c.withdrawal?.payload.reason ?? ''}`;
  if (c.status === 'stale') return `Signed by ${who}${by} on ${when}; ${c.staleReasons.join(' ')}`;
  return `Signed by ${who}${by} on ${when}`;
}

/** The return's sign-off as a matrix: indicators × roles, by service area, with the counts and who still has to sign. */
export function ProgressMatrix({
  progress,
  unconfirmed,
}: {
  progress: Progress;
  unconfirmed: boolean;
}): React.JSX.Element {
  const s = useStyles();
  const areas = [...new Set(progress.rows.map((r) => r.serviceArea))];
  const [counts, done] = progressLines(progress);
  const todo = outstandingLines(progress);
  // One line per changed indicator, naming the figures old → new where the signature kept them.
  const stale = progress.rows.flatMap((r) => {
    const c = SIGN_ROLES.map((role) => r.cells[role]).find((x) => x.status === 'stale' && x.changedFigures.length);
    return c ? [`${r.label}: ${c.changedFigures.join('; ')}`] : [];
  });
  const statusClass = (st: CellStatus) =>
    st === 'signed' ? s.signed : st === 'stale' ? s.stale : st === 'withdrawn' ? s.withdrawn : s.todo;
  return (
    <div className={s.root} data-testid="signoff-matrix">
      <Text weight="semibold" as="h2" size={400} style={{ margin: 0 }}>
        Progress
      </Text>
      <Caption1 data-testid="signoff-counts">
        {counts} {unconfirmed ? 'As of the last check.' : done}
      </Caption1>
      <table className={s.table} aria-label="Sign-off by indicator and role">
        <thead>
          <tr>
            <th className={mergeClasses(s.th, s.ref)} scope="col">
              Ref
            </th>
            {SIGN_ROLES.map((r) => (
              <th key={r} className={s.th} scope="col" title={ROLE_TITLES[r]}>
                {SHORT_TITLE[r]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => (
            <React.Fragment key={area || '-'}>
              {area && areas.length > 1 && (
                <tr>
                  <th colSpan={4} scope="rowgroup" className={mergeClasses(s.th, s.area)}>
                    {area}
                    {progress.serviceAreas.find((a) => a.name === area)?.certified ? ' · certified' : ''}
                  </th>
                </tr>
              )}
              {progress.rows
                .filter((r) => r.serviceArea === area)
                .map((row) => (
                  <tr key={row.key} data-testid={`matrix-row-${row.label}`}>
                    <th scope="row" className={mergeClasses(s.td, s.ref)} title={row.description}>
                      {row.label}
                    </th>
                    {SIGN_ROLES.map((role) => {
                      const c = row.cells[role];
                      const signer = c.signature?.actor?.name ?? c.owner;
                      const delegation = c.status !== 'not-signed' ? c.signature?.payload.scope?.delegation : undefined;
                      const name =
                        c.status === 'not-signed' ? c.owner : delegation ? `${signer} for ${delegation.for}` : signer;
                      return (
                        <td
                          key={role}
                          className={s.td}
                          data-testid={`matrix-${row.label}-${role}`}
                          data-status={c.status}
                        >
                          <Tooltip content={cellTitle(c)} relationship="description" withArrow>
                            <span tabIndex={0}>
                              <span className={mergeClasses(s.status, statusClass(c.status))}>{WORD[c.status]}</span>
                              <span className={s.name}>{name || '(nobody named)'}</span>
                            </span>
                          </Tooltip>
                        </td>
                      );
                    })}
                  </tr>
                ))}
            </React.Fragment>
          ))}
        </tbody>
      </table>
      {stale.length > 0 && (
        <div data-testid="signoff-stale">
          <Text weight="semibold">Figures changed since signed</Text>
          <ul className={s.list}>
            {stale.map((l) => (
              <li key={l}>
                <Caption1>{l}</Caption1>
              </li>
            ))}
          </ul>
        </div>
      )}
      {todo.length > 0 && (
        <div data-testid="signoff-outstanding">
          <Text weight="semibold">Still to sign</Text>
          <ul className={s.list}>
            {todo.map((l) => (
              <li key={l}>
                <Caption1>{l}</Caption1>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
