import * as React from 'react';
import {
  Badge,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { SignOffTabProps } from './contract';
import type { TrailRecord } from '../../signoff/trail';
import { describeRecord } from '../../signoff/summary';
import { affectedSentence, concurrentSentences, repairSentences, seqLabel } from '../../signoff/trail-report';
import { deliverExport, recordStatus, trailExport, type ExportFormat } from './export';
import { officePlatform, writeExportSheet } from '../../excel/export-sheet';
import { localTime, useTrail } from './use-trail';
import { ReplayFindings } from './ReplayFindings';
import { RepairForm } from './RepairForm';
import { AssurancePackAction } from '../pack/AssurancePackAction';
import { download } from '../download';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `3px solid ${tokens.colorPaletteGreenBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  broken: {
    borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  unverified: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}` },
  seq: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3 },
  text: { overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const TYPE_LABEL: Record<TrailRecord['type'], string> = {
  check: 'Check',
  acknowledge: 'Acknowledged',
  sign: 'Signed',
  withdraw: 'Withdrawn',
  config: 'Settings',
  restate: 'Restated',
  repair: 'Repaired',
};

/** The Audit trail tab: every record newest first, whether each verifies, and exports. */
export function AuditTrailTab(props: SignOffTabProps): React.JSX.Element {
  const s = useStyles();
  const trail = useTrail();
  const v = trail.verification;
  const records = React.useMemo(() => (v ? [...v.records].reverse() : []), [v]);
  const [exported, setExported] = React.useState<{ ok: boolean; text: string } | null>(null);
  // A download where the platform allows one, else a new worksheet (Excel for Mac): see export.ts.
  const exportAs = async (format: ExportFormat) => {
    if (!v) return;
    try {
      const out = await deliverExport(trailExport(format, v.records, v), officePlatform(), {
        download,
        toWorksheet: writeExportSheet,
      });
      setExported({ ok: true, text: out.message });
    } catch (err) {
      setExported({
        ok: false,
        text: (err as { userMessage?: string }).userMessage ?? (err instanceof Error ? err.message : String(err)),
      });
    }
  };

  return (
    <section className={s.root} aria-label="Audit trail">
      {trail.loading && <Spinner size="tiny" label="Reading the audit trail…" />}
      {trail.error && (
        <MessageBar intent="error">
          <MessageBarBody>{trail.error}</MessageBarBody>
        </MessageBar>
      )}
      {v && (
        // An empty trail proves nothing: it is not shown as a green "unbroken" (nothing was recorded, or all of it was removed with its head).
        <MessageBar
          intent={!v.ok ? 'error' : v.records.length === 0 ? 'info' : 'success'}
          data-testid="trail-status"
          data-ok={v.ok ? 'true' : 'false'}
          data-empty={v.records.length === 0 ? 'true' : 'false'}
        >
          <MessageBarBody>
            <MessageBarTitle>
              {!v.ok
                ? `Trail broken${v.firstBrokenSeq !== null ? ` at record ${v.firstBrokenSeq}` : ''}`
                : v.records.length === 0
                  ? 'No trail yet'
                  : 'Trail unbroken'}
            </MessageBarTitle>
            {v.records.length === 0 && v.ok
              ? 'Nothing has been checked or signed with Outturn in this workbook, so there is nothing to verify.'
              : v.reason}
          </MessageBarBody>
        </MessageBar>
      )}
      {v && (affectedSentence(v) || v.repairs?.length || v.concurrent?.length) ? (
        <ul className={s.list} aria-label="What verification found" data-testid="trail-findings">
          {[affectedSentence(v), ...repairSentences(v), ...concurrentSentences(v)]
            .filter((t): t is string => !!t)
            .map((t) => (
              <li key={t}>
                <Caption1>{t}</Caption1>
              </li>
            ))}
        </ul>
      ) : null}
      {v && <ReplayFindings verification={v} lastCheck={props.lastCheck} />}
      {v && <RepairForm broken={!v.ok} onRepaired={() => void trail.reload()} />}
      <div className={s.actions}>
        <Button size="small" onClick={() => void trail.reload()} data-testid="trail-reload">
          Verify again
        </Button>
        <Button
          size="small"
          disabled={!v || v.records.length === 0}
          onClick={() => void exportAs('csv')}
          data-testid="export-csv"
        >
          Export CSV
        </Button>
        <Button
          size="small"
          disabled={!v || v.records.length === 0}
          onClick={() => void exportAs('json')}
          data-testid="export-json"
        >
          Export JSON
        </Button>
      </div>
      <AssurancePackAction recheck={props.recheck} />
      {exported && (
        <MessageBar intent={exported.ok ? 'info' : 'error'} data-testid="export-outcome">
          <MessageBarBody>{exported.text}</MessageBarBody>
        </MessageBar>
      )}
      {v && v.records.length === 0 && <Text>No records yet: check the workbook and the check is recorded here.</Text>}
      <ol className={s.list} aria-label="Records, newest first" data-testid="trail-records">
        {v &&
          records.map((r) => {
            const status = recordStatus(r.seq, v);
            return (
              <li
                key={`${r.seq}-${r.hash}`}
                className={mergeClasses(
                  s.item,
                  status === 'broken' && s.broken,
                  status === 'unverified' && s.unverified,
                )}
                data-testid={`trail-record-${r.seq}`}
                data-status={status}
              >
                <span className={s.seq}>#{seqLabel(r, v.records)}</span>
                <div>
                  <div className={s.meta}>
                    <Badge appearance="outline" size="small">
                      {TYPE_LABEL[r.type]}
                    </Badge>
                    <Caption1>
                      <time dateTime={r.at} title={r.at}>
                        {localTime(r.at)}
                      </time>
                    </Caption1>
                    <Badge
                      appearance="tint"
                      size="small"
                      color={status === 'verified' ? 'success' : status === 'broken' ? 'danger' : 'informative'}
                    >
                      {status === 'verified' ? 'Verified' : status === 'broken' ? 'Broken link' : 'Not verified'}
                    </Badge>
                  </div>
                  <Text className={s.text} as="p" style={{ margin: 0 }}>
                    {describeRecord(r)}
                  </Text>
                  {r.type === 'acknowledge' && (
                    <ul style={{ margin: 0 }}>
                      {r.payload.acknowledgements.map((a, i) => (
                        <li key={i}>
                          <Caption1>
                            {a.cell ?? a.sheet}
                            {a.ref ? ` · ${a.ref}` : ''}: {a.reason}
                          </Caption1>
                        </li>
                      ))}
                    </ul>
                  )}
                  {r.type === 'sign' && (
                    <Caption1 as="p" style={{ margin: 0, display: 'block' }}>
                      “{r.payload.statement}”
                    </Caption1>
                  )}
                </div>
              </li>
            );
          })}
      </ol>
    </section>
  );
}
