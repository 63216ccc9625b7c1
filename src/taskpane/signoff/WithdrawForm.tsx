import * as React from 'react';
import { Button, Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { ROLE_TITLES, SIGN_ROLES, type SignRole } from '../../signoff/roles';
import { useSignOffStyles } from './styles';

/** The withdraw form: its own role, its own name field (never the sign form's), a reason. */
export function WithdrawForm({
  busy,
  onWithdraw,
  initialName,
}: {
  busy: boolean;
  initialName: string;
  onWithdraw: (role: SignRole, name: string, reason: string) => Promise<boolean>;
}): React.JSX.Element {
  const s = useSignOffStyles();
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
