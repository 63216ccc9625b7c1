import * as React from 'react';
import type { SignOffTabProps } from './contract';

/** Placeholder until the sign-off issue lands: the trail, newest first, goes here. */
export function AuditTrailTab(_props: SignOffTabProps): React.JSX.Element {
  return <p>The audit trail is not available yet.</p>;
}
