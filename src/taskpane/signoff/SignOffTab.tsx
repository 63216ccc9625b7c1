import * as React from 'react';
import {
  Badge, Button, Caption1, Card, CardHeader, Checkbox, Field, Input, MessageBar, MessageBarBody, MessageBarTitle,
  Radio, RadioGroup, Spinner, Text, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import type { SignOffTabProps } from './contract';
import type { OfficeAccount } from '../../excel/identity';
import { rememberName } from '../../excel/identity';
import { ROLE_STATEMENTS, ROLE_TITLES, SIGN_ROLES, type SignRole } from '../../signoff/roles';
import { fullySigned, nextRoleToSign, signOffState, type RoleState, type RoleStatus } from '../../signoff/state';
import { prepareSignature, prepareWithdrawal, warningKey } from '../../signoff/rules';
import { appendWithRetry } from '../../signoff/trail';
import { describeChanges } from '../../signoff/fingerprint';
import { aboutTheFigures } from '../../signoff/summary';
import { userMessage } from '../run-check';
import { defaultName, identityFor, signedInAccount, snapshotFigures, snapshotResolver, trailChanged, trailStore } from './trail-client';
import { localTime, useTrail } from './use-trail';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  cards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalM },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  warnings: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const STATUS: Record<RoleStatus, { text: string; color: 'success' | 'danger' | 'warning' | 'informative' }> = {
  'not-signed': { text: 'Not signed', color: 'informative' },
  signed: { text: 'Signed', color: 'success' },
  stale: { text: 'Stale', color: 'danger' },
  withdrawn: { text: 'Withdrawn', color: 'warning' },
};

interface Outcome {
  intent: 'success' | 'error';
  title: string;
  lines: string[];
}

function who(state: RoleState): string {
  const a = state.signature?.actor;
  if (!a) return 'unknown';
  return a.source === 'entra-id' ? `${a.name} (${a.upn ?? 'Entra ID'}, verified by Microsoft Entra ID)` : a.source === 'office-account' ? `${a.name} (${a.upn ?? 'Office account'})` : `${a.name} (typed name)`;
}

function RoleCard({ state, onWithdraw, busy }: { state: RoleState; onWithdraw: (role: SignRole, reason: string) => Promise<boolean>; busy: boolean }): React.JSX.Element {
  const s = useStyles();
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState('');
  const title = ROLE_TITLES[state.role];
  const sig = state.signature;
  return (
    <Card className={s.card} data-testid={`role-card-${state.role}`} aria-label={`${title}: ${STATUS[state.status].text}`}>
      <CardHeader
        header={<Text weight="semibold">{title}</Text>}
        action={<Badge appearance="tint" color={STATUS[state.status].color} data-testid={`role-status-${state.role}`}>{STATUS[state.status].text}</Badge>}
      />
      {state.status === 'not-signed' && <p className={`${s.detail} ${s.muted}`}>Not signed yet.</p>}
      {sig && state.status !== 'not-signed' && (
        <p className={s.detail}>
          Signed by {who(state)} on <time dateTime={sig.at} title={sig.at}>{localTime(sig.at)}</time>.
        </p>
      )}
      {state.status === 'stale' && (
        <div data-testid={`role-stale-${state.role}`}>
          {state.figuresChanged && <Text weight="semibold" as="p" className={s.detail}>Figures changed since signed.</Text>}
          {state.changes && <p className={s.detail} data-testid={`role-changes-${state.role}`}>{describeChanges(state.changes)}</p>}
          {state.staleReasons.filter((r) => r !== 'Figures changed since signed.').map((r) => <p key={r} className={s.detail}>{r}</p>)}
          <p className={s.detail}>{title} must sign again.</p>
        </div>
      )}
      {state.status === 'withdrawn' && state.withdrawal && (
        <p className={s.detail}>
          Withdrawn on <time dateTime={state.withdrawal.at} title={state.withdrawal.at}>{localTime(state.withdrawal.at)}</time>: “{state.withdrawal.payload.reason}”
        </p>
      )}
      {(state.status === 'signed' || state.status === 'stale') && (
        open ? (
          <div className={s.form}>
            <Field label="Reason for withdrawing" required>
              <Input value={reason} onChange={(_, d) => setReason(d.value)} data-testid={`withdraw-reason-${state.role}`} />
            </Field>
            <div className={s.row}>
              <Button
                appearance="primary"
                disabled={busy || !reason.trim()}
                data-testid={`withdraw-confirm-${state.role}`}
                onClick={async () => {
                  if (await onWithdraw(state.role, reason)) {
                    setOpen(false);
                    setReason('');
                  }
                }}
              >
                Withdraw signature
              </Button>
              <Button onClick={() => setOpen(false)}>Cancel</Button>
            </div>
          </div>
        ) : (
          <div className={s.row}>
            <Button size="small" onClick={() => setOpen(true)} disabled={busy} data-testid={`withdraw-${state.role}`}>Withdraw…</Button>
          </div>
        )
      )}
    </Card>
  );
}

/** The Sign-off tab: three role cards, then the form to sign the next role. */
export function SignOffTab({ lastCheck, recheck }: SignOffTabProps): React.JSX.Element {
  const s = useStyles();
  const trail = useTrail();
  const [account, setAccount] = React.useState<OfficeAccount | null>(null);
  const [name, setName] = React.useState('');
  const [chosenRole, setChosenRole] = React.useState<SignRole | null>(null);
  const [confirmed, setConfirmed] = React.useState(false);
  const [reasons, setReasons] = React.useState<Record<string, string>>({});
  const [bulk, setBulk] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<Outcome | null>(null);
  const outcomeRef = React.useRef<HTMLDivElement>(null);
  // Bring the result (or the reasons for a refusal) into view: it sits below the form.
  React.useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [outcome]);

  React.useEffect(() => {
    let live = true;
    void signedInAccount().then((acc) => {
      if (!live) return;
      setAccount(acc);
      setName((n) => n || defaultName(acc));
    });
    return () => { live = false; };
  }, []);

  const resolver = React.useMemo(() => snapshotResolver(lastCheck), [lastCheck]);
  const states = React.useMemo(() => (trail.verification ? signOffState(trail.verification.records, resolver) : null), [trail.verification, resolver]);
  const role: SignRole = chosenRole ?? (states ? nextRoleToSign(states) : null) ?? 'compiler';
  // Only what is wrong with the figures is acknowledged: the sign-off-outstanding finding is what signing settles.
  const figureFindings = React.useMemo(() => aboutTheFigures(lastCheck?.findings ?? []), [lastCheck]);
  const warnings = React.useMemo(() => figureFindings.filter((f) => f.severity === 'warning'), [figureFindings]);
  const errors = figureFindings.filter((f) => f.severity === 'error').length;

  const sign = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      // Sign what the workbook holds now: check again first (this also records the check).
      const snapshot = await recheck();
      if (!snapshot) {
        setOutcome({ intent: 'error', title: 'Nothing was signed', lines: ['The check did not finish, so nothing was signed.'] });
        return;
      }
      const figures = snapshotFigures(snapshot);
      const identity = identityFor(name, account);
      const at = new Date().toISOString();
      const out = await appendWithRetry<string[]>(trailStore(), (_t, verification) => {
        const p = prepareSignature(verification, figures, { role, identity, statementConfirmed: confirmed, reasons, bulkReason: bulk, at });
        return p.ok ? { drafts: p.drafts } : { refusal: p.reasons };
      });
      if ('refusal' in out) {
        setOutcome({ intent: 'error', title: 'Signing refused', lines: out.refusal });
        return;
      }
      rememberName(name);
      setOutcome({ intent: 'success', title: 'Signed', lines: [`Signed as ${ROLE_TITLES[role].toLowerCase()} by ${identity.name}. The signature is in the workbook's audit trail.`] });
      setConfirmed(false);
      setReasons({});
      setBulk('');
      setChosenRole(null);
    } catch (err) {
      setOutcome({ intent: 'error', title: 'Nothing was signed', lines: [userMessage(err)] });
    } finally {
      setBusy(false);
      trailChanged();
    }
  };

  const withdraw = async (r: SignRole, reason: string): Promise<boolean> => {
    setBusy(true);
    setOutcome(null);
    try {
      const identity = identityFor(name, account);
      const out = await appendWithRetry<string[]>(trailStore(), (_t, verification) => {
        const p = prepareWithdrawal(verification, { role: r, identity, reason, at: new Date().toISOString() });
        return p.ok ? { drafts: p.drafts } : { refusal: p.reasons };
      });
      if ('refusal' in out) {
        setOutcome({ intent: 'error', title: 'Withdrawal refused', lines: out.refusal });
        return false;
      }
      setOutcome({ intent: 'success', title: 'Signature withdrawn', lines: [`The ${ROLE_TITLES[r].toLowerCase()} signature was withdrawn. It stays in the audit trail with your reason.`] });
      return true;
    } catch (err) {
      setOutcome({ intent: 'error', title: 'Nothing was withdrawn', lines: [userMessage(err)] });
      return false;
    } finally {
      setBusy(false);
      trailChanged();
    }
  };

  return (
    <section className={s.root} aria-label="Sign-off">
      {trail.loading && <Spinner size="tiny" label="Reading the audit trail…" />}
      {trail.error && <MessageBar intent="error"><MessageBarBody>{trail.error}</MessageBarBody></MessageBar>}
      {trail.verification && !trail.verification.ok && (
        <MessageBar intent="error" data-testid="signoff-trail-broken">
          <MessageBarBody><MessageBarTitle>The audit trail is broken</MessageBarTitle>{trail.verification.reason} Nothing can be signed until it is restored.</MessageBarBody>
        </MessageBar>
      )}
      {!lastCheck && (
        <MessageBar intent="info">
          <MessageBarBody>Check the workbook first: a signature relies on a check with no errors, and stale signatures show once the figures are checked.</MessageBarBody>
        </MessageBar>
      )}
      {lastCheck && errors > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>The last check shows {errors} {errors === 1 ? 'error' : 'errors'}: fix {errors === 1 ? 'it' : 'them'} and check again before anyone signs.</MessageBarBody>
        </MessageBar>
      )}

      <div className={s.row}>
        <Button size="small" disabled={busy} onClick={() => void recheck()} data-testid="signoff-recheck">
          {lastCheck ? 'Check again' : 'Check now'}
        </Button>
        {lastCheck && <Caption1 className={s.muted}>Figures as checked at <time dateTime={lastCheck.at}>{localTime(lastCheck.at)}</time>.</Caption1>}
      </div>

      <div className={s.cards}>
        {(states ?? SIGN_ROLES.map((r): RoleState => ({ role: r, status: 'not-signed', staleReasons: [], figuresChanged: false }))).map((st) => (
          <RoleCard key={st.role} state={st} onWithdraw={withdraw} busy={busy} />
        ))}
      </div>

      {states && fullySigned(states) && (
        <MessageBar intent="success" data-testid="signoff-complete">
          <MessageBarBody><MessageBarTitle>Signed off</MessageBarTitle>All three roles hold current signatures for these figures.</MessageBarBody>
        </MessageBar>
      )}

      {!(states && fullySigned(states)) && <form className={s.form} aria-label="Sign" onSubmit={(e) => { e.preventDefault(); void sign(); }}>
        <Text as="h2" weight="semibold" size={400}>Sign</Text>
        <RadioGroup value={role} onChange={(_, d) => { setChosenRole(d.value as SignRole); setConfirmed(false); }} aria-label="Role">
          {SIGN_ROLES.map((r) => <Radio key={r} value={r} label={ROLE_TITLES[r]} data-testid={`sign-role-${r}`} />)}
        </RadioGroup>
        <Field label="Your name" required hint={account ? `Signed in to Office as ${account.upn}: the signature records that account.` : 'Office cannot say who is signed in here: your name is recorded as typed.'}>
          <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="sign-name" autoComplete="name" />
        </Field>
        <Checkbox
          checked={confirmed}
          onChange={(_, d) => setConfirmed(Boolean(d.checked))}
          label={ROLE_STATEMENTS[role]}
          data-testid="sign-statement"
        />
        {warnings.length > 0 && (
          <div className={s.form} data-testid="sign-warnings">
            <Text weight="semibold">Warnings to acknowledge ({warnings.length})</Text>
            <Caption1 className={s.muted}>Give a reason for each warning you accept, or one reason for all of them below.</Caption1>
            <ul className={s.warnings}>
              {warnings.map((w, i) => {
                const key = warningKey(w);
                return (
                  <li key={key}>
                    <Field label={`${w.cell ?? w.sheet}${w.ref ? ` · ${w.ref}` : ''}: ${w.message}`}>
                      <Input
                        value={reasons[key] ?? ''}
                        placeholder={bulk.trim() ? 'The reason for all applies' : 'Why this is acceptable'}
                        onChange={(_, d) => setReasons((prev) => ({ ...prev, [key]: d.value }))}
                        data-testid={`warning-reason-${i}`}
                      />
                    </Field>
                  </li>
                );
              })}
            </ul>
            <Field label="One reason for all warnings">
              <Textarea value={bulk} onChange={(_, d) => setBulk(d.value)} data-testid="bulk-reason" resize="vertical" />
            </Field>
          </div>
        )}
        <div className={s.row}>
          <Button appearance="primary" type="submit" disabled={busy} data-testid="sign-button">
            {busy ? 'Working…' : `Sign as ${ROLE_TITLES[role].toLowerCase()}`}
          </Button>
        </div>
      </form>}

      <div aria-live="polite" data-testid="sign-outcome" ref={outcomeRef}>
        {outcome && (
          <MessageBar intent={outcome.intent}>
            <MessageBarBody>
              <MessageBarTitle>{outcome.title}</MessageBarTitle>
              {outcome.lines.length === 1 ? outcome.lines[0] : <ul className={s.reasons}>{outcome.lines.map((l) => <li key={l}>{l}</li>)}</ul>}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
