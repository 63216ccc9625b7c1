/**
 * The Sign-off tab: the sign form, the return's progress (a matrix per owner, or three role
 * cards when the grid names no owners), the withdraw form, and the action area kept in view
 * at the foot. It checks the workbook itself when no check has run, so there is one view.
 * What may be signed or withdrawn, and why not, is decided by the application layer (src/app);
 * this tab holds the form and shows answers.
 */
import * as React from 'react';
import { Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import {
  previewSignature,
  refusalLines,
  signedSentence,
  signerRefusal,
  userMessageOf,
  withdrawnSentence,
  type Signer,
} from '../../app';
import type { SignOffTabProps } from './contract';
import type { OfficeAccount } from '../../excel/identity';
import { accountForSigning, rememberName } from '../../excel/identity';
import type { SignRole } from '../../signoff/roles';
import { formatDateTime } from '../format-date';
import { defaultName, identityFor, signedInAccount, snapshotFigures, trailChanged } from './trail-client';
import { refusedTitle } from '../coauthor-notice';
import { useTrail } from './use-trail';
import { ProgressMatrix } from './ProgressMatrix';
import { accountFit, humanDates, paneSignOff } from './signoff-view';
import { checkedOf, signFromPane, withdrawFromPane } from './pane-actions';
import { RoleCard } from './RoleCard';
import { WithdrawForm } from './WithdrawForm';
import { SignForm } from './SignForm';
import { useSignOffStyles } from './styles';
import { SignAction } from './SignAction';
import { statementTicked, useSignOffForm, type Outcome } from './use-sign-off-form';
import { paperLinks, refsSigned } from '../../app/evidence';
import { WorkingPaperLinks } from '../pack/WorkingPaperLinks';

export interface SignOffTabOwnProps extends SignOffTabProps {
  /** A co-author changed the figures since the last check: the form shows figures that are no longer there. */
  coauthor?: boolean;
}

export function SignOffTab({
  lastCheck,
  recheck,
  changed = false,
  coauthor = false,
}: SignOffTabOwnProps): React.JSX.Element {
  const s = useSignOffStyles();
  const trail = useTrail();
  const [account, setAccount] = React.useState<OfficeAccount | null>(null);
  const [form, dispatch] = useSignOffForm();
  const { busy } = form;
  // One view whether or not a check has run: with none yet, the tab runs one (once).
  const autoStarted = React.useRef(false);
  const [autoDone, setAutoDone] = React.useState(Boolean(lastCheck));
  React.useEffect(() => {
    if (autoStarted.current || lastCheck) return;
    autoStarted.current = true;
    void recheck().finally(() => setAutoDone(true));
  }, [lastCheck, recheck]);
  // Another scope is another set of figures: every tick given for the last one is cleared.
  const scopeKey = lastCheck
    ? lastCheck.result.grids.map((g) => `${g.sheet}!${g.top}:${g.left}:${g.bottom}:${g.right}`).join(';')
    : '';
  const lastScope = React.useRef(scopeKey);
  React.useEffect(() => {
    if (lastScope.current !== scopeKey && lastScope.current !== '') dispatch({ type: 'scope' });
    lastScope.current = scopeKey;
  }, [scopeKey, dispatch]);

  React.useEffect(() => {
    let live = true;
    void signedInAccount().then((acc) => {
      if (!live) return;
      setAccount(acc);
      dispatch({ type: 'account' });
      dispatch({ type: 'default-name', value: defaultName(acc) });
    });
    return () => {
      live = false;
    };
  }, [dispatch]);

  const records = React.useMemo(() => trail.verification?.records ?? [], [trail.verification]);
  const view = React.useMemo(() => paneSignOff(records, lastCheck, changed), [records, lastCheck, changed]);
  const checked = React.useMemo(() => (lastCheck ? checkedOf(lastCheck) : null), [lastCheck]);
  const signer: Signer = React.useMemo(
    () => ({ identity: identityFor(form.name, account), account, accountConfirmed: form.accountConfirmed }),
    [form.name, account, form.accountConfirmed],
  );
  const { chosenRole, delegating, onBehalfOf, delegationReason } = form;
  const preview = React.useMemo(
    () =>
      previewSignature(records, checked, {
        role: chosenRole,
        signer,
        onBehalfOf: delegating ? onBehalfOf : undefined,
        delegationReason,
      }),
    [records, checked, chosenRole, signer, delegating, onBehalfOf, delegationReason],
  );
  const perOwner = preview.mode === 'per-owner';
  const role: SignRole = chosenRole ?? preview.suggestedRole ?? 'compiler';
  const totalWarnings = lastCheck?.findings.filter((f) => f.severity === 'warning').length ?? 0;

  const show = (o: Outcome) => dispatch({ type: 'outcome', outcome: o });

  const sign = async () => {
    dispatch({ type: 'start' });
    try {
      // First, before anything else is awaited: an Entra ID sign-in pop-up opens only from the click itself.
      const signedIn = await accountForSigning(account);
      if (signedIn.account !== account) {
        setAccount(signedIn.account);
        dispatch({ type: 'account' });
      }
      const signer: Signer = {
        identity: identityFor(form.name, signedIn.account),
        account: signedIn.account,
        accountConfirmed: form.accountConfirmed,
      };
      // A name that does not read as the account is refused before anything is checked or written.
      const refusal = signerRefusal(signer);
      if (refusal) {
        show({ intent: 'error', title: 'Signing refused', lines: [refusal.message] });
        return;
      }
      // The figures this form showed, when a co-author has changed the workbook since: the use
      // case refuses the signature if what it covers is no longer what the signer saw.
      const shownFigures = coauthor && lastCheck ? snapshotFigures(lastCheck).fingerprint : undefined;
      // Sign what the workbook holds now: check again first (an identical re-check by the same person adds no record).
      const snapshot = await recheck();
      if (!snapshot) {
        show({
          intent: 'error',
          title: 'Nothing was signed',
          lines: ['The check did not finish, so nothing was signed.'],
        });
        return;
      }
      // The link typed is recorded beside each indicator this signature covers (per owner, as the preview showed).
      const links = form.papersLink.trim()
        ? paperLinks(
            refsSigned(snapshot, preview.plan?.eligible ?? null).map((ref) => ({ ref, link: form.papersLink })),
          )
        : ({ ok: true, papers: [] } as const);
      if (!links.ok) {
        show({ intent: 'error', title: 'Nothing was signed', lines: [links.problem] });
        return;
      }
      const out = await signFromPane(snapshot, {
        role,
        signer,
        statementConfirmed: statementTicked(form, role),
        onBehalfOf: perOwner && delegating ? onBehalfOf : undefined,
        delegationReason: perOwner ? delegationReason : undefined,
        reasons: form.reasons,
        bulkReason: form.bulk,
        shownFigures,
        ...(links.papers.length ? { evidence: links.papers } : {}),
      });
      if (!out.signed) {
        // What the form already lists (each blocked indicator, once) is not said again here.
        show({
          intent: 'error',
          title: refusedTitle(out.refusals.map((r) => r.code)),
          lines: refusalLines(out.refusals, preview).map(humanDates),
        });
        return;
      }
      rememberName(form.name);
      dispatch({
        type: 'signed',
        outcome: {
          intent: 'success',
          title: 'Signed',
          lines: [signedSentence(out), ...(signedIn.notice ? [signedIn.notice] : [])],
        },
      });
    } catch (err) {
      show({ intent: 'error', title: 'Nothing was signed', lines: [userMessageOf(err)] });
    } finally {
      dispatch({ type: 'done' });
      trailChanged();
    }
  };

  const withdraw = async (r: SignRole, withdrawName: string, reason: string): Promise<boolean> => {
    dispatch({ type: 'start' });
    try {
      const identity = identityFor(withdrawName, account);
      const out = await withdrawFromPane({ role: r, identity, reason });
      if (!out.withdrawn) {
        show({ intent: 'error', title: 'Withdrawal refused', lines: out.refusals.map((x) => humanDates(x.message)) });
        return false;
      }
      show({ intent: 'success', title: 'Signature withdrawn', lines: [withdrawnSentence(r, identity.name)] });
      return true;
    } catch (err) {
      show({ intent: 'error', title: 'Nothing was withdrawn', lines: [userMessageOf(err)] });
      return false;
    } finally {
      dispatch({ type: 'done' });
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
      {!lastCheck && !autoDone && (
        <Spinner size="tiny" label="Checking the workbook before signing…" data-testid="signoff-checking" />
      )}
      {!lastCheck && autoDone && (
        <MessageBar intent="info" data-testid="signoff-no-check">
          <MessageBarBody>
            The check did not finish, so there is nothing to sign yet: a signature relies on a check with no errors.
          </MessageBarBody>
        </MessageBar>
      )}
      {lastCheck && coauthor && (
        <MessageBar intent="warning" layout="multiline" data-testid="signoff-coauthor">
          <MessageBarBody>
            <MessageBarTitle>Figures changed by a co-author</MessageBarTitle>
            This form shows the figures as last checked. Check again before signing: a signature is made on the figures
            as they are now.
          </MessageBarBody>
        </MessageBar>
      )}
      {lastCheck && changed && !coauthor && (
        <MessageBar intent="warning" data-testid="signoff-unconfirmed">
          <MessageBarBody>
            <MessageBarTitle>Figures changed since the last check</MessageBarTitle>Whether the signatures are still
            current cannot be told until the workbook is checked again.
          </MessageBarBody>
        </MessageBar>
      )}
      {preview.reasonsBlocked && (
        <MessageBar intent="warning" data-testid="signoff-errors">
          <MessageBarBody>{preview.reasonsBlocked}</MessageBarBody>
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

      {lastCheck && !view.complete && (
        <SignForm
          form={form}
          dispatch={dispatch}
          role={role}
          preview={preview}
          account={account}
          accountDiffers={accountFit(form.name, account) === 'differs'}
          totalWarnings={totalWarnings}
        />
      )}

      {view.complete && (
        <MessageBar intent="success" data-testid="signoff-complete">
          <MessageBarBody>
            <MessageBarTitle>Signed off</MessageBarTitle>
            {progress
              ? 'Every indicator holds three current signatures for these figures.'
              : 'All three roles hold current signatures for these figures.'}
          </MessageBarBody>
        </MessageBar>
      )}

      {progress ? (
        <ProgressMatrix progress={progress} unconfirmed={view.unconfirmed} />
      ) : (
        lastCheck && (
          <div className={s.cards}>
            {(view.state.roles ?? []).map((st) => (
              <RoleCard key={st.role} state={st} unconfirmed={view.unconfirmed} />
            ))}
          </div>
        )
      )}

      <WorkingPaperLinks records={records} />

      <WithdrawForm busy={busy} initialName={form.name} onWithdraw={withdraw} />

      <SignAction
        form={form}
        dispatch={dispatch}
        role={role}
        signing={Boolean(lastCheck) && !view.complete}
        onSign={() => void sign()}
        declarations={lastCheck?.config.declarations}
      />
    </section>
  );
}
