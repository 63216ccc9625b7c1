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
  item: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  ref: { fontWeight: tokens.fontWeightSemibold },
  link: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, gridColumn: '2' },
});

export function WorkingPaperLinks({ records }: { records: readonly TrailRecord[] }): React.JSX.Element | null {
  const s = useStyles();
  const links = React.useMemo(() => recordedLinks(records), [records]);
  if (!links.length) return null;
  return (
    <section className={s.root} aria-label="Working papers" data-testid="working-papers">
      <Text weight="semibold" as="h2" size={400} style={{ margin: 0 }}>
        Working papers
      </Text>
      <ul className={s.list}>
        {links.map((l) => (
          <li key={`${l.ref}-${l.link}`} className={s.item} data-testid={`working-papers-${l.ref}`}>
            <span className={s.ref}>{l.ref}</span>
            <Link className={s.link} href={l.link} target="_blank" rel="noopener noreferrer">
              {l.link}
            </Link>
            <Caption1 className={s.muted}>
              Recorded by {l.name}, {formatDateTime(l.at)} (record {l.seq}); a link, not hashed.
            </Caption1>
          </li>
        ))}
      </ul>
    </section>
  );
}
