/**
 * "Assurance pack" on the Audit trail tab: checks the workbook again (the pack is of the
 * figures the workbook holds now), builds the same pack as `outturn report` and hands it
 * over as this Office allows: a download (Windows, the web), a dialog that prints (Mac, iPad),
 * or, where a dialog cannot be handed a page, a section in the pane with a Print button.
 */
import * as React from 'react';
import { Button, Caption1, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { userMessageOf } from '../../app';
import { dialogMessagesSupported, showPackDialog } from '../../excel/dialog';
import { diagnosticsPlatform, workbookFileName } from '../../excel/pack-office';
import type { CheckSnapshot } from '../signoff/contract';
import { trailStore } from '../signoff/trail-client';
import { deliverPack, panePack, type PackIo } from './pane-pack';
import { packRoute } from './pack-route';
import { download } from '../download';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
  shown: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  frame: {
    width: '100%',
    height: '480px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: '#ffffff',
  },
});

const paneIo = (): PackIo => ({ download, dialog: showPackDialog, pageUrl: window.location.href });

export function AssurancePackAction({ recheck }: { recheck: () => Promise<CheckSnapshot | null> }): React.JSX.Element {
  const s = useStyles();
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<{ ok: boolean; text: string } | null>(null);
  const [shown, setShown] = React.useState<{ html: string; title: string } | null>(null);
  const frame = React.useRef<HTMLIFrameElement>(null);

  const make = async () => {
    setBusy(true);
    setOutcome(null);
    setShown(null);
    try {
      // The pack is of the figures the workbook holds now: check again first.
      const snapshot = await recheck();
      if (!snapshot) {
        setOutcome({ ok: false, text: 'The check did not finish, so no assurance pack was made.' });
        return;
      }
      const trail = await trailStore().load();
      const built = panePack(snapshot, trail, workbookFileName(), new Date());
      const route = packRoute(diagnosticsPlatform(), dialogMessagesSupported());
      const out = await deliverPack(built, route, paneIo());
      if (out.route === 'pane') setShown({ html: built.html, title: built.fileName.replace(/\.html$/, '') });
      setOutcome({ ok: true, text: out.message });
    } catch (err) {
      setOutcome({ ok: false, text: userMessageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const print = () => {
    const w = frame.current?.contentWindow;
    if (!w) return;
    w.focus();
    w.print();
  };

  return (
    <div className={s.root} data-testid="assurance-pack">
      <div className={s.row}>
        <Button size="small" disabled={busy} onClick={() => void make()} data-testid="assurance-pack-button">
          {busy ? 'Making the pack…' : 'Assurance pack'}
        </Button>
        <Caption1 className={s.muted}>Everything an auditor needs, in one page to file or print.</Caption1>
      </div>
      {outcome && (
        <MessageBar intent={outcome.ok ? 'info' : 'error'} data-testid="assurance-pack-outcome">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      {shown && (
        <section className={s.shown} aria-label="Assurance pack" data-testid="assurance-pack-shown">
          <div className={s.row}>
            <Text weight="semibold">Assurance pack</Text>
            <Button size="small" appearance="primary" onClick={print} data-testid="assurance-pack-print">
              Print
            </Button>
            <Button size="small" onClick={() => setShown(null)} data-testid="assurance-pack-hide">
              Close
            </Button>
          </div>
          {/* No scripts in the frame; same origin only so that Print can reach its window, modals so that it may print. */}
          <iframe
            ref={frame}
            className={s.frame}
            title={shown.title}
            srcDoc={shown.html}
            sandbox="allow-same-origin allow-modals"
            data-testid="assurance-pack-frame"
          />
        </section>
      )}
    </div>
  );
}
