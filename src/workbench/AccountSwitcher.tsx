import * as React from 'react';
import { WORKBENCH_ACCOUNTS, type WorkbenchAccount } from './accounts';

/** Who is signed in to the simulated Office: one of the sample grid's officers. */
export function AccountSwitcher({
  account,
  onChange,
}: {
  account: WorkbenchAccount;
  onChange: (acc: WorkbenchAccount) => void;
}): React.JSX.Element {
  return (
    <label className="wb-account">
      Signed in as{' '}
      <select
        value={account.upn}
        data-testid="account-switcher"
        onChange={(e) => {
          const next = WORKBENCH_ACCOUNTS.find((a) => a.upn === e.target.value);
          if (next) onChange(next);
        }}
      >
        {WORKBENCH_ACCOUNTS.map((a) => (
          <option key={a.upn} value={a.upn}>
            {a.name} ({a.roles})
          </option>
        ))}
      </select>
    </label>
  );
}
