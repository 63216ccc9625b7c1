/**
 * The sign form, around one decision: who I am (the account and the name the grid matches),
 * the role, what I would sign (and what not, and why, each once), the warnings to
 * acknowledge; the statement and the Sign button are in the tab's action area. The pieces
 * render the form state and the use case's preview; nothing is decided here.
 */
import * as React from 'react';
import {
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  Textarea,
} from '@fluentui/react-components';
import type { SignPreview } from '../../app';
import type { OfficeAccount } from '../../excel/identity';
import { ROLE_TITLES, SIGN_ROLES, type SignRole } from '../../signoff/roles';
import { warningKey } from '../../signoff/rules';
import { humanDates } from './signoff-view';
import { useSignOffStyles } from './styles';
import type { FormAction, SignOffForm } from './use-sign-off-form';

interface PieceProps {
  form: SignOffForm;
  dispatch: React.Dispatch<FormAction>;
}

function RoleChoice({ role, dispatch }: { role: SignRole; dispatch: React.Dispatch<FormAction> }) {
  return (
    <RadioGroup
      value={role}
      onChange={(_, d) => dispatch({ type: 'role', value: d.value as SignRole })}
      aria-label="Role"
    >
      {SIGN_ROLES.map((r) => (
        <Radio key={r} value={r} label={ROLE_TITLES[r]} data-testid={`sign-role-${r}`} />
      ))}
    </RadioGroup>
  );
}

function SignerName({
  form,
  dispatch,
  account,
  differs,
}: PieceProps & { account: OfficeAccount | null; differs: boolean }) {
  const name = form.name.trim();
  return (
    <>
      <Field
        label="Your name"
        required
        hint={
          account
            ? `Signed in to Office as ${account.upn}.`
            : 'Office cannot say who is signed in here: your name is recorded as typed.'
        }
      >
        <Input
          value={form.name}
          onChange={(_, d) => dispatch({ type: 'name', value: d.value })}
          data-testid="sign-name"
          autoComplete="name"
        />
      </Field>
      {differs && name && (
        <div data-testid="sign-account-differs">
          <MessageBar intent="warning">
            <MessageBarBody>
              “{name}” does not read as the Office account {account?.upn}. The signature records that account.
            </MessageBarBody>
          </MessageBar>
          <Checkbox
            checked={form.accountConfirmed}
            onChange={(_, d) => dispatch({ type: 'account-confirmed', value: Boolean(d.checked) })}
            label={`I am ${name}, signing on the account ${account?.upn}`}
            data-testid="sign-account-confirm"
          />
        </div>
      )}
    </>
  );
}

function DelegationFields({ form, dispatch }: PieceProps) {
  return (
    <>
      <Checkbox
        checked={form.delegating}
        onChange={(_, d) => dispatch({ type: 'delegating', value: Boolean(d.checked) })}
        label="Sign for someone else's indicators (a delegation)"
        data-testid="sign-delegate"
      />
      {form.delegating && (
        <>
          <Field label="Signing for (their name in the grid)" required>
            <Input
              value={form.onBehalfOf}
              onChange={(_, d) => dispatch({ type: 'on-behalf-of', value: d.value })}
              data-testid="sign-on-behalf-of"
            />
          </Field>
          <Field label="Reason for the delegation" required>
            <Textarea
              value={form.delegationReason}
              onChange={(_, d) => dispatch({ type: 'delegation-reason', value: d.value })}
              data-testid="sign-delegation-reason"
              resize="vertical"
            />
          </Field>
        </>
      )}
    </>
  );
}

/** Who the signature records: the same identity the trail is given, so the two always name the same person. */
function SignerLine({ preview }: { preview: SignPreview }) {
  const s = useSignOffStyles();
  if (!preview.signerLabel) return null;
  return (
    <Text as="p" className={s.detail} data-testid="sign-signer">
      The signature records <strong>{preview.signerLabel}</strong>.
    </Text>
  );
}

/** Per owner: what this person would sign, and each indicator left out with why, once. */
function PlanPreview({ preview, role }: { preview: SignPreview; role: SignRole }) {
  const s = useSignOffStyles();
  const plan = preview.plan;
  if (!plan) return null;
  const refs = plan.eligible.map((k) => k.slice(k.indexOf('|') + 1));
  const title = ROLE_TITLES[role].toLowerCase();
  return (
    <section className={s.preview} data-testid="sign-preview" aria-label="What you would sign" aria-live="polite">
      <Text as="h3" weight="semibold" size={300} className={s.detail}>
        What you would sign
      </Text>
      {plan.match && (
        <Text as="p" className={s.detail} data-testid="sign-match">
          {plan.delegated
            ? `For ${plan.match.gridName}, by delegation, as ${title}: `
            : `${plan.match.gridName}${plan.match.kind === 'initials' ? ' (matched by initials)' : ''} as ${title}: `}
          <strong data-testid="sign-eligible">{refs.length ? refs.join(', ') : 'nothing now'}</strong>.
        </Text>
      )}
      {preview.notNow.length > 0 && (
        <>
          <Text as="p" className={s.detail}>
            Not now:
          </Text>
          <ul className={s.reasons} data-testid="sign-not-now">
            {preview.notNow.map((b) => (
              <li key={b.ref} data-testid="sign-not-now-item" data-ref={b.ref}>
                <Caption1>
                  <strong>{b.ref}</strong>: {b.reason}.
                </Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.notes.length > 0 && (
        <ul className={s.reasons} data-testid="sign-notes">
          {preview.notes.map((p) => (
            <li key={p.message}>
              <Caption1>{humanDates(p.message)}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function WarningReasons({
  form,
  dispatch,
  preview,
  totalWarnings,
}: PieceProps & { preview: SignPreview; totalWarnings: number }) {
  const s = useSignOffStyles();
  const { warnings, reasonsBlocked } = preview;
  if (warnings.length === 0) return null;
  return (
    <div className={s.form} data-testid="sign-warnings">
      <Text weight="semibold">
        Warnings to acknowledge ({warnings.length}
        {totalWarnings > warnings.length ? ` of the check's ${totalWarnings}` : ''})
      </Text>
      <Caption1 className={s.muted}>
        {reasonsBlocked ??
          `Give a reason for each warning you accept, or one reason for all of them below.${totalWarnings > warnings.length ? ' The others are on indicators you do not sign now, or are settled by signing (the sign-off outstanding).' : ''}`}
      </Caption1>
      <ul className={s.warnings}>
        {warnings.map((w, i) => {
          const key = warningKey(w);
          return (
            <li key={key}>
              <Field label={`${w.cell ?? w.sheet}${w.ref ? ` · ${w.ref}` : ''}: ${w.message}`}>
                <Input
                  value={form.reasons[key] ?? ''}
                  disabled={Boolean(reasonsBlocked)}
                  placeholder={form.bulk.trim() ? 'The reason for all applies' : 'Why this is acceptable'}
                  onChange={(_, d) => dispatch({ type: 'reason', key, value: d.value })}
                  data-testid={`warning-reason-${i}`}
                />
              </Field>
            </li>
          );
        })}
      </ul>
      <Field label="One reason for all warnings">
        <Textarea
          value={form.bulk}
          disabled={Boolean(reasonsBlocked)}
          onChange={(_, d) => dispatch({ type: 'bulk', value: d.value })}
          data-testid="bulk-reason"
          resize="vertical"
        />
      </Field>
    </div>
  );
}

/** One link for the whole signature: the pane cannot read local files, so it records where the papers are. */
function WorkingPapersLink({ form, dispatch }: PieceProps) {
  return (
    <Field
      label="Working papers (link)"
      hint="Optional: where the working papers behind these figures are kept (a SharePoint or OneDrive link). It is recorded beside each indicator you sign."
    >
      <Input
        type="url"
        value={form.papersLink}
        placeholder="https://"
        onChange={(_, d) => dispatch({ type: 'papers-link', value: d.value })}
        data-testid="sign-papers-link"
      />
    </Field>
  );
}

export interface SignFormProps extends PieceProps {
  role: SignRole;
  preview: SignPreview;
  account: OfficeAccount | null;
  accountDiffers: boolean;
  totalWarnings: number;
}

/** The fields of the sign form; its statement and button are in the action area (SignAction). */
export function SignForm(props: SignFormProps): React.JSX.Element {
  const s = useSignOffStyles();
  const { form, dispatch, role, preview } = props;
  return (
    <form id="sign-form" className={s.form} aria-label="Sign" onSubmit={(e) => e.preventDefault()}>
      <Text as="h2" weight="semibold" size={400}>
        Sign
      </Text>
      <SignerName form={form} dispatch={dispatch} account={props.account} differs={props.accountDiffers} />
      <SignerLine preview={preview} />
      <RoleChoice role={role} dispatch={dispatch} />
      {preview.mode === 'per-owner' && (
        <>
          <DelegationFields form={form} dispatch={dispatch} />
          <PlanPreview preview={preview} role={role} />
        </>
      )}
      <WarningReasons form={form} dispatch={dispatch} preview={preview} totalWarnings={props.totalWarnings} />
      <WorkingPapersLink form={form} dispatch={dispatch} />
    </form>
  );
}
