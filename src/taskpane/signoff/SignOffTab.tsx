import * as React from 'react';
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CheckSnapshot, SignOffTabProps } from './contract';
import { ownershipFromGrids, peopleFor } from '../../signoff/owners';
import { findOwner } from '../../signoff/names';
import type { OfficeAccount } from '../../excel/identity';
import { accountForSigning, rememberName } from '../../excel/identity';
import { ROLE_STATEMENTS, ROLE_TITLES, SIGN_ROLES, type SignRole } from '../../signoff/roles';
import { nextRoleToSign, type RoleState, type RoleStatus } from '../../signoff/state';
import { prepareSignature, prepareWithdrawal, warningKey } from '../../signoff/rules';
import { planSignature, prepareOwnerSignature, prepareOwnerWithdrawal, type SignPlan } from '../../signoff/owner-rules';
import { appendWithRetry, type RecordDraft, type Verification } from '../../signoff/trail';
import { describeChanges } from '../../signoff/fingerprint';
import { userMessage } from '../run-check';
import { formatDateTime } from '../format-date';
import { defaultName, identityFor, signedInAccount, snapshotFigures, trailChanged, trailStore } from './trail-client';
import { useTrail } from './use-trail';
import { ProgressMatrix } from './ProgressMatrix';
import { accountFit, humanDates, paneSignOff, reasonsBlocked } from './signoff-view';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  cards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalM },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  warnings: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  preview: {
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
  },
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
  return a.source === 'entra-id'
    ? `${a.name} (${a.upn ?? 'Entra ID'}, verified by Microsoft Entra ID)`
    : a.source === 'office-account'
      ? `${a.name} (${a.upn ?? 'Office account'})`
      : `${a.name} (typed name)`;
}

/** One role of a whole-return sign-off. "Signed" only on figures checked and unchanged since. */
function RoleCard({ state, unconfirmed }: { state: RoleState; unconfirmed: boolean }): React.JSX.Element {
  const s = useStyles();
  const title = ROLE_TITLES[state.role];
  const sig = state.signature;
  const status =
    state.status === 'signed' && unconfirmed
      ? { text: 'Signed — check again', color: 'warning' as const }
      : STATUS[state.status];
  return (
    <Card className={s.card} data-testid={`role-card-${state.role}`} aria-label={`${title}: ${status.text}`}>
      <CardHeader
        header={<Text weight="semibold">{title}</Text>}
        action={
          <Badge appearance="tint" color={status.color} data-testid={`role-status-${state.role}`}>
            {status.text}
          </Badge>
        }
      />
      {state.status === 'not-signed' && <p className={`${s.detail} ${s.muted}`}>Not signed yet.</p>}
      {sig && state.status !== 'not-signed' && (
        <p className={s.detail}>
          Signed by {who(state)} on{' '}
          <time dateTime={sig.at} title={sig.at}>
            {formatDateTime(sig.at)}
          </time>
          .
        </p>
      )}
      {state.status === 'stale' && (
        <div data-testid={`role-stale-${state.role}`}>
          {state.figuresChanged && (
            <Text weight="semibold" as="p" className={s.detail}>
              Figures changed since signed.
            </Text>
          )}
          {state.changes && (
            <p className={s.detail} data-testid={`role-changes-${state.role}`}>
              {describeChanges(state.changes)}
            </p>
          )}
          {state.staleReasons
            .filter((r) => r !== 'Figures changed since signed.')
            .map((r) => (
              <p key={r} className={s.detail}>
                {r}
              </p>
            ))}
          <p className={s.detail}>{title} must sign again.</p>
        </div>
      )}
      {state.status === 'withdrawn' && state.withdrawal && (
        <p className={s.detail}>
          Withdrawn on{' '}
          <time dateTime={state.withdrawal.at} title={state.withdrawal.at}>
            {formatDateTime(state.withdrawal.at)}
          </time>
          : “{state.withdrawal.payload.reason}”
        </p>
      )}
    </Card>
  );
}

/** The withdraw form: its own role, its own name field (never the sign form's), a reason. */
function WithdrawForm({
  busy,
  onWithdraw,
  initialName,
}: {
  busy: boolean;
  initialName: string;
  onWithdraw: (role: SignRole, name: string, reason: string) => Promise<boolean>;
}): React.JSX.Element {
  const s = useStyles();
  const [open, setOpen] = React.useState(false);
  const [role, setRole] = React.useState<SignRole>('compiler');
  const [name, setName] = React.useState(initialName);
  const [reason, setReason] = React.useState('');
  if (!open) {
    return (
      <div className={s.row}>
        <Button
          size="small"
          onClick={() => {
            setName(initialName);
            setOpen(true);
          }}
          disabled={busy}
          data-testid="withdraw-open"
        >
          Withdraw my signature…
        </Button>
      </div>
    );
  }
  return (
    <form
      className={s.form}
      aria-label="Withdraw a signature"
      data-testid="withdraw-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onWithdraw(role, name, reason)) {
          setOpen(false);
          setReason('');
        }
      }}
    >
      <Text as="h2" weight="semibold" size={400}>
        Withdraw a signature
      </Text>
      <RadioGroup
        value={role}
        onChange={(_, d) => setRole(d.value as SignRole)}
        aria-label="Role of the signature to withdraw"
      >
        {SIGN_ROLES.map((r) => (
          <Radio key={r} value={r} label={ROLE_TITLES[r]} data-testid={`withdraw-role-${r}`} />
        ))}
      </RadioGroup>
      <Field label="Your name, as you signed" required>
        <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="withdraw-name" autoComplete="name" />
      </Field>
      <Field label="Reason for withdrawing" required>
        <Input value={reason} onChange={(_, d) => setReason(d.value)} data-testid="withdraw-reason" />
      </Field>
      <div className={s.row}>
        <Button
          appearance="primary"
          type="submit"
          disabled={busy || !reason.trim() || !name.trim()}
          data-testid="withdraw-confirm"
        >
          Withdraw signature
        </Button>
        <Button onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}

/** The Sign-off tab: the return's progress (a matrix per owner, or three role cards), the sign form, the withdraw form. */
export function SignOffTab({ lastCheck, recheck, changed = false }: SignOffTabProps): React.JSX.Element {
  const s = useStyles();
  const trail = useTrail();
  const [account, setAccount] = React.useState<OfficeAccount | null>(null);
  const [name, setName] = React.useState('');
  const [chosenRole, setChosenRole] = React.useState<SignRole | null>(null);
  const [confirmed, setConfirmed] = React.useState(false);
  const [accountConfirmed, setAccountConfirmed] = React.useState(false);
  const [delegating, setDelegating] = React.useState(false);
  const [onBehalfOf, setOnBehalfOf] = React.useState('');
  const [delegationReason, setDelegationReason] = React.useState('');
  const [reasons, setReasons] = React.useState<Record<string, string>>({});
  const [bulk, setBulk] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcomeState] = React.useState<Outcome | null>(null);
  // Counts the outcomes shown, so that a second identical refusal still reads as a new answer (and tests can wait for it).
  const [outcomeCount, setOutcomeCount] = React.useState(0);
  const setOutcome = React.useCallback((o: Outcome | null) => {
    setOutcomeState(o);
    if (o) setOutcomeCount((n) => n + 1);
  }, []);
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
    return () => {
      live = false;
    };
  }, []);

  const records = React.useMemo(() => trail.verification?.records ?? [], [trail.verification]);
  const view = React.useMemo(() => paneSignOff(records, lastCheck, changed), [records, lastCheck, changed]);
  const perOwner = view.state.ownership.mode === 'per-owner' && view.state.progress !== null;
  const figures = React.useMemo(
    () => (lastCheck && lastCheck.result.grids.length ? snapshotFigures(lastCheck) : null),
    [lastCheck],
  );
  // Per owner, the role the grid gives the person signing (the first, if several); as a whole, the next role to sign.
  const defaultRole = view.state.roles
    ? nextRoleToSign(view.state.roles)
    : (SIGN_ROLES.find(
        (r) =>
          findOwner(
            name,
            peopleFor(view.state.ownership, r).map((p) => p.name),
          ).found,
      ) ?? null);
  const role: SignRole = chosenRole ?? defaultRole ?? 'compiler';
  const identity = identityFor(name, account);
  const fit = accountFit(name, account);

  // Per owner: what this person would sign, shown before signing.
  const plan: SignPlan | null = React.useMemo(() => {
    if (!perOwner || !figures || !view.state.progress || !name.trim()) return null;
    return planSignature(view.state.progress, view.state.ownership, figures, {
      role,
      identity,
      onBehalfOf: delegating ? onBehalfOf : undefined,
      delegationReason,
    });
  }, [perOwner, figures, view.state, role, name, account, delegating, onBehalfOf, delegationReason]); // eslint-disable-line react-hooks/exhaustive-deps

  const figureFindings = figures?.findings ?? [];
  const errors = figureFindings.filter((f) => f.severity === 'error').length;
  const warnings = perOwner ? (plan?.warnings ?? []) : figureFindings.filter((f) => f.severity === 'warning');
  const blockedByErrors = plan?.blocked.filter((b) => /error/.test(b.reason)).length ?? 0;
  const blockedReasons = reasonsBlocked(
    perOwner ? 'per-owner' : 'whole-return',
    errors,
    plan?.eligible.length ?? 0,
    blockedByErrors,
  );
  const totalWarnings = lastCheck?.findings.filter((f) => f.severity === 'warning').length ?? 0;

  // Judged on the check just made for signing: ownership and mode come from the figures signed, not from an earlier render.
  const build = (
    verification: Verification,
    snapshot: CheckSnapshot,
    signFigures: NonNullable<typeof figures>,
    at: string,
    who: ReturnType<typeof identityFor>,
  ): { drafts: RecordDraft[] } | { refusal: string[] } => {
    const ownership = ownershipFromGrids(snapshot.result.grids, snapshot.sheets);
    if (ownership.mode === 'per-owner') {
      const p = prepareOwnerSignature(verification, ownership, signFigures, {
        role,
        identity: who,
        statementConfirmed: confirmed,
        onBehalfOf: delegating ? onBehalfOf : undefined,
        delegationReason,
        reasons,
        bulkReason: bulk,
        at,
      });
      return p.ok ? { drafts: p.drafts } : { refusal: p.reasons };
    }
    const p = prepareSignature(verification, signFigures, {
      role,
      identity: who,
      statementConfirmed: confirmed,
      reasons,
      bulkReason: bulk,
      at,
    });
    return p.ok ? { drafts: p.drafts } : { refusal: p.reasons };
  };

  const sign = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      // First, before anything else is awaited: an Entra ID sign-in pop-up opens only from the click itself.
      const signer = await accountForSigning(account);
      if (signer.account !== account) setAccount(signer.account);
      const who = identityFor(name, signer.account);
      if (fit === 'differs' && !accountConfirmed) {
        setOutcome({
          intent: 'error',
          title: 'Signing refused',
          lines: [
            `You are signed in to Office as ${account?.upn}, which does not read as “${name.trim()}”. Confirm that you are ${name.trim()} signing on this account, or sign in as yourself.`,
          ],
        });
        return;
      }
      // Sign what the workbook holds now: check again first (an identical re-check by the same person adds no record).
      const snapshot = await recheck();
      if (!snapshot) {
        setOutcome({
          intent: 'error',
          title: 'Nothing was signed',
          lines: ['The check did not finish, so nothing was signed.'],
        });
        return;
      }
      const signFigures = snapshotFigures(snapshot);
      const at = new Date().toISOString();
      const out = await appendWithRetry<string[]>(trailStore(), (_t, verification) =>
        build(verification, snapshot, signFigures, at, who),
      );
      if ('refusal' in out) {
        setOutcome({ intent: 'error', title: 'Signing refused', lines: out.refusal.map(humanDates) });
        return;
      }
      rememberName(name);
      const signRecord = out.written[out.written.length - 1];
      const scope = signRecord.type === 'sign' ? signRecord.payload.scope : undefined;
      const what = scope
        ? ` for ${Object.keys(scope.indicators)
            .map((k) => k.slice(k.indexOf('|') + 1))
            .join(', ')}${scope.delegation ? ` (for ${scope.delegation.for}, by delegation)` : ''}`
        : '';
      setOutcome({
        intent: 'success',
        title: 'Signed',
        lines: [
          `Signed as ${ROLE_TITLES[role].toLowerCase()} by ${who.name}${what}. The signature is in the workbook's audit trail.`,
          ...(signer.notice ? [signer.notice] : []),
        ],
      });
      setConfirmed(false);
      setReasons({});
      setBulk('');
      setChosenRole(null);
      setDelegating(false);
      setOnBehalfOf('');
      setDelegationReason('');
    } catch (err) {
      setOutcome({ intent: 'error', title: 'Nothing was signed', lines: [userMessage(err)] });
    } finally {
      setBusy(false);
      trailChanged();
    }
  };

  const withdraw = async (r: SignRole, withdrawName: string, reason: string): Promise<boolean> => {
    setBusy(true);
    setOutcome(null);
    try {
      const by = identityFor(withdrawName, account);
      const out = await appendWithRetry<string[]>(trailStore(), (_t, verification) => {
        const request = { role: r, identity: by, reason, at: new Date().toISOString() };
        const latest = [...verification.records].reverse().find((x) => x.type === 'sign' && x.payload.role === r);
        const p =
          latest?.type === 'sign' && !latest.payload.scope
            ? prepareWithdrawal(verification, request)
            : prepareOwnerWithdrawal(verification, request);
        return p.ok ? { drafts: p.drafts } : { refusal: p.reasons };
      });
      if ('refusal' in out) {
        setOutcome({ intent: 'error', title: 'Withdrawal refused', lines: out.refusal.map(humanDates) });
        return false;
      }
      setOutcome({
        intent: 'success',
        title: 'Signature withdrawn',
        lines: [
          `The ${ROLE_TITLES[r].toLowerCase()} signature of ${by.name} was withdrawn. It stays in the audit trail with the reason.`,
        ],
      });
      return true;
    } catch (err) {
      setOutcome({ intent: 'error', title: 'Nothing was withdrawn', lines: [userMessage(err)] });
      return false;
    } finally {
      setBusy(false);
      trailChanged();
    }
  };

  const progress = view.state.progress;

  return (
    <section className={s.root} aria-label="Sign-off">
      {trail.loading && <Spinner size="tiny" label="Reading the audit trail…" />}
      {trail.error && (
        <MessageBar intent="error">
          <MessageBarBody>{trail.error}</MessageBarBody>
        </MessageBar>
      )}
      {trail.verification && !trail.verification.ok && (
        <MessageBar intent="error" data-testid="signoff-trail-broken">
          <MessageBarBody>
            <MessageBarTitle>The audit trail is broken</MessageBarTitle>
            {trail.verification.reason} Nothing can be signed until it is restored.
          </MessageBarBody>
        </MessageBar>
      )}
      {!lastCheck && (
        <MessageBar intent="info">
          <MessageBarBody>
            Check the workbook first: a signature relies on a check with no errors, and stale signatures show once the
            figures are checked.
          </MessageBarBody>
        </MessageBar>
      )}
      {lastCheck && changed && (
        <MessageBar intent="warning" data-testid="signoff-unconfirmed">
          <MessageBarBody>
            <MessageBarTitle>Figures changed since the last check</MessageBarTitle>Whether the signatures are still
            current cannot be told until the workbook is checked again.
          </MessageBarBody>
        </MessageBar>
      )}
      {blockedReasons && (
        <MessageBar intent="warning" data-testid="signoff-errors">
          <MessageBarBody>{blockedReasons}</MessageBarBody>
        </MessageBar>
      )}

      <div className={s.row}>
        <Button size="small" disabled={busy} onClick={() => void recheck()} data-testid="signoff-recheck">
          {lastCheck ? 'Check again' : 'Check now'}
        </Button>
        {lastCheck && (
          <Caption1 className={s.muted}>
            Figures as checked at <time dateTime={lastCheck.at}>{formatDateTime(lastCheck.at)}</time>.
          </Caption1>
        )}
      </div>

      {perOwner && progress ? (
        <ProgressMatrix progress={progress} unconfirmed={view.unconfirmed} />
      ) : (
        <div className={s.cards}>
          {(view.state.roles ?? []).map((st) => (
            <RoleCard key={st.role} state={st} unconfirmed={view.unconfirmed} />
          ))}
        </div>
      )}

      {view.complete && (
        <MessageBar intent="success" data-testid="signoff-complete">
          <MessageBarBody>
            <MessageBarTitle>Signed off</MessageBarTitle>
            {perOwner
              ? 'Every indicator holds three current signatures for these figures.'
              : 'All three roles hold current signatures for these figures.'}
          </MessageBarBody>
        </MessageBar>
      )}

      {!view.complete && (
        <form
          className={s.form}
          aria-label="Sign"
          onSubmit={(e) => {
            e.preventDefault();
            void sign();
          }}
        >
          <Text as="h2" weight="semibold" size={400}>
            Sign
          </Text>
          <RadioGroup
            value={role}
            onChange={(_, d) => {
              setChosenRole(d.value as SignRole);
              setConfirmed(false);
            }}
            aria-label="Role"
          >
            {SIGN_ROLES.map((r) => (
              <Radio key={r} value={r} label={ROLE_TITLES[r]} data-testid={`sign-role-${r}`} />
            ))}
          </RadioGroup>
          <Field
            label="Your name"
            required
            hint={
              account
                ? `Signed in to Office as ${account.upn}: the signature records that account.`
                : 'Office cannot say who is signed in here: your name is recorded as typed.'
            }
          >
            <Input
              value={name}
              onChange={(_, d) => {
                setName(d.value);
                setAccountConfirmed(false);
              }}
              data-testid="sign-name"
              autoComplete="name"
            />
          </Field>
          {fit === 'differs' && name.trim() && (
            <div data-testid="sign-account-differs">
              <MessageBar intent="warning">
                <MessageBarBody>
                  “{name.trim()}” does not read as the Office account {account?.upn}. The signature records that
                  account.
                </MessageBarBody>
              </MessageBar>
              <Checkbox
                checked={accountConfirmed}
                onChange={(_, d) => setAccountConfirmed(Boolean(d.checked))}
                label={`I am ${name.trim()}, signing on the account ${account?.upn}`}
                data-testid="sign-account-confirm"
              />
            </div>
          )}
          {perOwner && (
            <>
              <Checkbox
                checked={delegating}
                onChange={(_, d) => setDelegating(Boolean(d.checked))}
                label="Sign for someone else's indicators (a delegation)"
                data-testid="sign-delegate"
              />
              {delegating && (
                <>
                  <Field label="Signing for (their name in the grid)" required>
                    <Input
                      value={onBehalfOf}
                      onChange={(_, d) => setOnBehalfOf(d.value)}
                      data-testid="sign-on-behalf-of"
                    />
                  </Field>
                  <Field label="Reason for the delegation" required>
                    <Textarea
                      value={delegationReason}
                      onChange={(_, d) => setDelegationReason(d.value)}
                      data-testid="sign-delegation-reason"
                      resize="vertical"
                    />
                  </Field>
                </>
              )}
              {plan && (
                <div className={s.preview} data-testid="sign-preview" aria-live="polite">
                  {plan.match ? (
                    <Text as="p" className={s.detail}>
                      {plan.delegated
                        ? `Signing for ${plan.match.gridName}, by delegation`
                        : plan.match.kind === 'initials'
                          ? `Matched to ${plan.match.gridName} in the grid (by initials)`
                          : `${plan.match.gridName}, as the grid names you`}
                      {`: ${plan.eligible.length ? plan.eligible.map((k) => k.slice(k.indexOf('|') + 1)).join(', ') : 'nothing to sign now'}.`}
                    </Text>
                  ) : null}
                  {plan.blocked.length > 0 && (
                    <Caption1 as="p" className={s.detail}>
                      Not now: {plan.blocked.map((b) => `${b.label} (${b.reason})`).join('; ')}.
                    </Caption1>
                  )}
                  {plan.problems.length > 0 && (
                    <ul className={s.reasons}>
                      {plan.problems.map((p) => (
                        <li key={p}>
                          <Caption1>{humanDates(p)}</Caption1>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </>
          )}
          <Checkbox
            checked={confirmed}
            onChange={(_, d) => setConfirmed(Boolean(d.checked))}
            label={ROLE_STATEMENTS[role]}
            data-testid="sign-statement"
          />
          {warnings.length > 0 && (
            <div className={s.form} data-testid="sign-warnings">
              <Text weight="semibold">
                Warnings to acknowledge ({warnings.length}
                {totalWarnings > warnings.length ? ` of the check's ${totalWarnings}` : ''})
              </Text>
              <Caption1 className={s.muted}>
                {blockedReasons ??
                  `Give a reason for each warning you accept, or one reason for all of them below.${totalWarnings > warnings.length ? ' The others are on indicators you do not sign now, or are settled by signing (the sign-off outstanding).' : ''}`}
              </Caption1>
              <ul className={s.warnings}>
                {warnings.map((w, i) => {
                  const key = warningKey(w);
                  return (
                    <li key={key}>
                      <Field label={`${w.cell ?? w.sheet}${w.ref ? ` · ${w.ref}` : ''}: ${w.message}`}>
                        <Input
                          value={reasons[key] ?? ''}
                          disabled={Boolean(blockedReasons)}
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
                <Textarea
                  value={bulk}
                  disabled={Boolean(blockedReasons)}
                  onChange={(_, d) => setBulk(d.value)}
                  data-testid="bulk-reason"
                  resize="vertical"
                />
              </Field>
            </div>
          )}
          <div className={s.row}>
            <Button appearance="primary" type="submit" disabled={busy} data-testid="sign-button">
              {busy ? 'Working…' : `Sign as ${ROLE_TITLES[role].toLowerCase()}`}
            </Button>
          </div>
        </form>
      )}

      <WithdrawForm busy={busy} initialName={name} onWithdraw={withdraw} />

      <div aria-live="polite" data-testid="sign-outcome" data-count={outcomeCount} ref={outcomeRef}>
        {outcome && (
          <MessageBar intent={outcome.intent}>
            <MessageBarBody>
              <MessageBarTitle>{outcome.title}</MessageBarTitle>
              {outcome.lines.length === 1 ? (
                outcome.lines[0]
              ) : (
                <ul className={s.reasons}>
                  {outcome.lines.map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
