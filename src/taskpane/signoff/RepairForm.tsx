import * as React from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { repairedSentence } from '../../app/repair';
import type { RepairRole } from '../../signoff/trail';
import { useSignOffStyles } from './styles';
import { currentActor, identityFor, signedInAccount } from './trail-client';
import { repairFromPane } from './repair-action';

const ROLE_LABEL: Record<RepairRole, string> = { 'head-of-service': 'Head of service', auditor: 'Auditor' };

/**
 * Repair a broken trail (issue #24): a head of service or an auditor appends a repair record with
 * their reason; the break and the broken rows stay recorded for every later audit, and signing
 * can go on. Offered only while the trail is broken; the outcome stays shown once it verifies again.
 */
export function RepairForm({
  broken,
  onRepaired,
}: {
  broken: boolean;
  onRepaired: () => void;
}): React.JSX.Element | null {
  const s = useSignOffStyles();
  const [open, setOpen] = React.useState(false);
  const [role, setRole] = React.useState<RepairRole>('head-of-service');
  const [name, setName] = React.useState('');
  const [reason, setReason] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<{ ok: boolean; lines: string[] } | null>(null);

  const submit = async () => {
    setBusy(true);
    try {
      const account = await signedInAccount();
      const done = await repairFromPane({ identity: identityFor(name, account), role, reason });
      if (done.repaired) {
        setOutcome({ ok: true, lines: [repairedSentence(done.record)] });
        setOpen(false);
        setReason('');
        onRepaired();
      } else setOutcome({ ok: false, lines: done.refusals.map((r) => r.message) });
    } catch (err) {
      setOutcome({
        ok: false,
        lines: [
          (err as { userMessage?: string }).userMessage ??
            `The trail could not be repaired: ${err instanceof Error ? err.message : String(err)}`,
        ],
      });
    } finally {
      setBusy(false);
    }
  };

  if (!broken && !outcome) return null;
  return (
    <div>
      {outcome && (
        <MessageBar intent={outcome.ok ? 'success' : 'error'} data-testid="repair-outcome">
          <MessageBarBody>
            {outcome.lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {!broken ? null : !open ? (
        <div className={s.row}>
          <Button
            size="small"
            disabled={busy}
            data-testid="repair-open"
            onClick={() => {
              setOutcome(null);
              setOpen(true);
              void currentActor().then((who) => setName((n) => n || who?.name || ''));
            }}
          >
            Repair the trail…
          </Button>
        </div>
      ) : (
        <form
          className={s.form}
          aria-label="Repair the audit trail"
          data-testid="repair-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Text as="h2" weight="semibold" size={400}>
            Repair the audit trail
          </Text>
          <Text>
            The break stays recorded: the broken rows are kept word for word in the repair record, every later audit
            reports the break and your repair, and signing can go on from here.
          </Text>
          <RadioGroup value={role} onChange={(_, d) => setRole(d.value as RepairRole)} aria-label="You repair as">
            {(Object.keys(ROLE_LABEL) as RepairRole[]).map((r) => (
              <Radio key={r} value={r} label={ROLE_LABEL[r]} data-testid={`repair-role-${r}`} />
            ))}
          </RadioGroup>
          <Field label="Your name" required>
            <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="repair-name" autoComplete="name" />
          </Field>
          <Field label="Reason for the repair (kept in the trail)" required>
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} data-testid="repair-reason" />
          </Field>
          <div className={s.row}>
            <Button
              appearance="primary"
              type="submit"
              disabled={busy || !reason.trim() || !name.trim()}
              data-testid="repair-confirm"
            >
              Repair the trail
            </Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </div>
        </form>
      )}
    </div>
  );
}
