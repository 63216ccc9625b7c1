/**
 * "Record restatement…" on a restated-figure (or target-changed) finding: the signer says
 * why the figure of a reported period changed, and the application layer writes a
 * `restate` record (who, when, old, new, reason) to the workbook's audit trail
 * (src/app/restate.ts). The finding then turns into restatement-recorded, with the reason.
 */
import * as React from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { restateFigure, restatementTarget, userMessageOf, type ComparedReturn } from '../app';
import type { Finding } from '../engine/model/finding';
import type { CheckSnapshot } from './signoff/contract';
import { defaultName, identityFor, signedInAccount, trailChanged, trailStore } from './signoff/trail-client';

const useStyles = makeStyles({
  root: { padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}` },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '28rem' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  open: { minWidth: 'auto', paddingLeft: 0, paddingRight: 0 },
});

export function RestateForm({
  finding,
  snapshot,
  previous,
  onRecorded,
}: {
  finding: Finding;
  snapshot: CheckSnapshot;
  /** The previous return compared with, when there is one: the figure as reported is read from it. */
  previous?: ComparedReturn;
  onRecorded: () => void;
}): React.JSX.Element | null {
  const s = useStyles();
  const [open, setOpen] = React.useState(false);
  const [name, setName] = React.useState('');
  const [reason, setReason] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const target = restatementTarget(finding, snapshot.result.grids);
  React.useEffect(() => {
    if (!open) return;
    let live = true;
    signedInAccount().then(
      (acc) => live && setName((n) => n || defaultName(acc)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [open]);
  if (!target) return null;
  const what = `${target.indicator} ${target.period}`;
  if (!open)
    return (
      <div className={s.root}>
        <Button
          appearance="transparent"
          size="small"
          className={s.open}
          onClick={() => setOpen(true)}
          aria-label={`Record a restatement of ${what}`}
          data-testid="restate-open"
        >
          Record restatement…
        </Button>
      </div>
    );
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const acc = await signedInAccount().catch(() => null);
      const outcome = await restateFigure(
        {
          identity: identityFor(name.trim(), acc),
          indicator: target.indicator,
          period: target.period,
          reason,
          source: { sheets: snapshot.sheets, config: snapshot.config },
          previous,
          today: snapshot.result.timeline.asOf,
        },
        { trail: trailStore(), clock: { now: () => new Date() } },
      );
      if (!outcome.restated) {
        setError(`The restatement was not recorded: ${outcome.reason}.`);
        return;
      }
      trailChanged();
      setOpen(false);
      onRecorded();
    } catch (err) {
      setError(userMessageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.root}>
      <form
        className={s.form}
        aria-label={`Record a restatement of ${what}`}
        data-testid="restate-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label="Your name" required>
          <Input value={name} onChange={(_, d) => setName(d.value)} autoComplete="name" data-testid="restate-name" />
        </Field>
        <Field label={`Why ${what} changed, as the committee will be told`} required>
          <Textarea
            value={reason}
            onChange={(_, d) => setReason(d.value)}
            resize="vertical"
            data-testid="restate-reason"
          />
        </Field>
        {error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <div className={s.row}>
          <Button
            appearance="primary"
            type="submit"
            disabled={busy || !name.trim() || !reason.trim()}
            data-testid="restate-confirm"
          >
            Record restatement
          </Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
        </div>
      </form>
    </div>
  );
}
