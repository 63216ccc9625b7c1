/**
 * The Audit trail tab's list of records the sign-off rules would have refused, replayed
 * over the trail with the grids' owners as last checked (signoff/replay.ts): a recomputed
 * chain verifies, so the rules are what catch a forged or reordered record.
 */
import * as React from 'react';
import { Caption1, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ownershipFromGrids } from '../../signoff/owners';
import { replayTrail } from '../../signoff/replay';
import type { Verification } from '../../signoff/trail';
import type { CheckSnapshot } from './contract';

export function ReplayFindings(props: { verification: Verification; lastCheck: CheckSnapshot | null }) {
  const { verification, lastCheck } = props;
  const replay = React.useMemo(() => {
    const grids = lastCheck?.result.grids ?? [];
    const ownership = grids.length ? ownershipFromGrids(grids, lastCheck!.sheets, lastCheck!.config) : null;
    return replayTrail(verification.records, ownership);
  }, [verification, lastCheck]);
  if (!verification.ok || verification.records.length === 0) return null;
  if (!replay.findings.length)
    return (
      <Caption1 data-testid="trail-rules" data-ok="true">
        Every record passes the sign-off rules when they are replayed over the trail.
      </Caption1>
    );
  const records = new Set(replay.findings.map((f) => f.seq)).size;
  return (
    <MessageBar intent="error" data-testid="trail-rules" data-ok="false">
      <MessageBarBody>
        <MessageBarTitle>
          {records} record{records === 1 ? '' : 's'} the sign-off rules would have refused
        </MessageBarTitle>
        They count for nothing in the sign-off.
        <ul style={{ margin: 0 }} aria-label="Records the rules would have refused">
          {replay.findings.map((f, i) => (
            <li key={i} data-testid={`trail-rule-${f.seq}`} data-code={f.code}>
              <Caption1>{f.message}</Caption1>
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
