/**
 * The working papers links the signatures recorded, each beside its indicator: a link opens
 * in a new window (the pane cannot show SharePoint itself). Which links stand is decided in
 * src/app/evidence.ts; this renders them.
 */
import * as React from 'react';
import { Caption1, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { recordedLinks } from '../../app/evidence';
import type { TrailRecord } from '../../signoff/trail';
import { formatDateTime } from '../format-date';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
  ref: { fontWeight: tokens.fontWeightSemibold },
  link: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A link as people read it: %20 as a space; the address itself is kept for the href. */
function readable(link: string): string {
  try {
    return decodeURI(link);
  } catch {
    return link;
  }
}

export function WorkingPaperLinks({ records }: { records: readonly TrailRecord[] }): React.JSX.Element | null {
  const s = useStyles();
  // One row per link and signature, its indicators beside it: a link given for every indicator signed is listed once.
  const rows = React.useMemo(() => {
    const byLink = new Map<string, { refs: string[]; link: string; name: string; at: string; seq: number }>();
    for (const l of recordedLinks(records)) {
      const key = `${l.seq}\u0000${l.link}`;
      const row = byLink.get(key);
      if (row) row.refs.push(l.ref);
      else byLink.set(key, { refs: [l.ref], link: l.link, name: l.name, at: l.at, seq: l.seq });
    }
    return [...byLink.values()];
  }, [records]);
  if (!rows.length) return null;
  return (
    <section className={s.root} aria-label="Working papers" data-testid="working-papers">
      <Text weight="semibold" as="h2" size={400} style={{ margin: 0 }}>
        Working papers
      </Text>
      <ul className={s.list}>
        {rows.map((r) => (
          <li
            key={`${r.seq}-${r.link}`}
            className={s.item}
            data-testid="working-papers-item"
            data-refs={r.refs.join(' ')}
          >
            <span className={s.ref}>{r.refs.join(', ')}</span>
            <Link className={s.link} href={r.link} target="_blank" rel="noopener noreferrer">
              {readable(r.link)}
            </Link>
            <Caption1 className={s.muted}>
              Recorded by {r.name}, {formatDateTime(r.at)} (record {r.seq}); a link, not hashed.
            </Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
