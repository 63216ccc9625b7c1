import * as React from 'react';
import type { SignOffTabProps } from './contract';

/** Placeholder until the sign-off issue lands: the three role cards go here. */
export function SignOffTab(_props: SignOffTabProps): React.JSX.Element {
  return <p>Sign-off is not available yet.</p>;
}
