import * as React from 'react';
import { Badge, Card, CardHeader, Text } from '@fluentui/react-components';
import { ROLE_TITLES } from '../../signoff/roles';
import { FIGURES_CHANGED, type RoleState, type RoleStatus } from '../../signoff/state';
import { describeChanges } from '../../signoff/fingerprint';
import { formatDateTime } from '../format-date';
import { useSignOffStyles } from './styles';

const STATUS: Record<RoleStatus, { text: string; color: 'success' | 'danger' | 'warning' | 'informative' }> = {
  'not-signed': { text: 'Not signed', color: 'informative' },
  signed: { text: 'Signed', color: 'success' },
  stale: { text: 'Stale', color: 'danger' },
  withdrawn: { text: 'Withdrawn', color: 'warning' },
};

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
export function RoleCard({ state, unconfirmed }: { state: RoleState; unconfirmed: boolean }): React.JSX.Element {
  const s = useSignOffStyles();
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
            .filter((r) => r !== FIGURES_CHANGED)
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
