/**
 * The Sign-off tab's action area, kept in view at the foot of the pane: the exact statement
 * for the role being signed and the one Sign button (enabled only once that statement is
 * ticked), or, after an action, its result in their place until the next action.
 */
import * as React from 'react';
import { Button, Checkbox, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Declarations } from '../../engine/model/config';
import { ROLE_TITLES, roleStatement, type SignRole } from '../../signoff/roles';
import { useSignOffStyles } from './styles';
import { statementTicked, type FormAction, type Outcome, type SignOffForm } from './use-sign-off-form';

function OutcomeBar({ outcome }: { outcome: Outcome }): React.JSX.Element {
  const s = useSignOffStyles();
  return (
    <MessageBar intent={outcome.intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{outcome.title}</MessageBarTitle>
        {outcome.lines.length === 1 ? (
          <p className={s.detail}>{outcome.lines[0]}</p>
        ) : (
          <ul className={s.reasons}>
            {outcome.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

export interface SignActionProps {
  form: SignOffForm;
  dispatch: React.Dispatch<FormAction>;
  role: SignRole;
  /** False once nothing is left to sign: only a result is shown then. */
  signing: boolean;
  onSign: () => void;
  /** The organisation's declarations (configuration): the text shown is the text the signature records. */
  declarations?: Declarations;
}

export function SignAction({
  form,
  dispatch,
  role,
  signing,
  onSign,
  declarations,
}: SignActionProps): React.JSX.Element {
  const s = useSignOffStyles();
  const { outcome } = form;
  const ticked = statementTicked(form, role);
  return (
    <div className={s.action} data-testid="sign-action">
      <div aria-live="polite" data-testid="sign-outcome" data-count={form.outcomeCount}>
        {outcome && (
          <div className={s.form}>
            <OutcomeBar outcome={outcome} />
            {signing && (
              <div className={s.row}>
                <Button size="small" onClick={() => dispatch({ type: 'dismiss' })} data-testid="sign-continue">
                  Back to the form
                </Button>
              </div>
            )}
          </div>
        )}
      </div>
      {!outcome && signing && (
        <>
          <Checkbox
            checked={ticked}
            onChange={(_, d) => dispatch({ type: 'statement', role, value: Boolean(d.checked) })}
            label={roleStatement(role, declarations)}
            data-testid="sign-statement"
            data-role={role}
          />
          <div className={s.row}>
            <Button
              appearance="primary"
              disabled={form.busy || !ticked}
              onClick={onSign}
              data-testid="sign-button"
              aria-describedby={ticked ? undefined : 'sign-button-why'}
            >
              {form.busy ? 'Working…' : `Sign as ${ROLE_TITLES[role].toLowerCase()}`}
            </Button>
            {!ticked && (
              <span id="sign-button-why" className={`${s.detail} ${s.muted}`}>
                Tick the statement to sign.
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
