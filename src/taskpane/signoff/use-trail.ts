import * as React from 'react';
import { verifyTrail, type Verification } from '../../signoff/trail';
import { userMessage } from '../run-check';
import { formatDateTime } from '../format-date';
import { onTrailChanged, trailChanged, trailStore } from './trail-client';

export interface TrailView {
  loading: boolean;
  verification: Verification | null;
  error: string | null;
  reload: () => Promise<void>;
}

/** The workbook's trail, verified; re-read whenever a tab records something. */
export function useTrail(): TrailView {
  const [state, setState] = React.useState<Omit<TrailView, 'reload'>>({
    loading: true,
    verification: null,
    error: null,
  });
  React.useEffect(() => {
    let live = true;
    const load = () => {
      trailStore()
        .load()
        .then(
          (t) => live && setState({ loading: false, verification: verifyTrail(t.entries, t.head), error: null }),
          (err) => live && setState({ loading: false, verification: null, error: userMessage(err) }),
        );
    };
    load();
    const off = onTrailChanged(load);
    return () => {
      live = false;
      off();
    };
  }, []);
  const reload = React.useCallback(async () => trailChanged(), []);
  return { ...state, reload };
}

/** A UTC ISO time as the signer's local date and time ('22 Nov 2026, 13:45'): the pane's one date format. */
export const localTime = formatDateTime;
