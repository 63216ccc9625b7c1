import * as React from 'react';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  FluentProvider,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Toast,
  ToastTitle,
  Toaster,
  makeStyles,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import type { ReadScope, WorkbookHost } from '../excel/host';
import type { OutturnConfig } from '../engine/model/config';
import { DEFAULT_CONFIG } from '../engine/model/config';
import type { Finding, RuleInfo } from '../engine/model/finding';
import type { CheckSnapshot } from './signoff/contract';
import { SignOffTab } from './signoff/SignOffTab';
import { AuditTrailTab } from './signoff/AuditTrailTab';
import { recordCheckRun, recordConfigChange } from './signoff/record-check';
import { type CheckFn, type CheckPhase, loadConfig, checkInPane, userMessage } from './run-check';
import { CheckTab } from './CheckTab';
import { saveColumnChoices } from './map-columns';
import type { ColumnChoice } from '../app/column-mapping';
import { SettingsTab } from './SettingsTab';
import { type MarkedCells, clearSentence, markedCells, staleMarksSentence } from './clear-report';
import { type ThemeName, fluentTheme } from './theme';
import { FIRST_RENDER, mark } from './render-marks';
import { type CellInView, type MarksInView, marksInView, marksInViewSentence } from './marks-in-view';
import { type CoauthorChanges, NO_COAUTHOR_CHANGES, coauthorNotice } from './coauthor-notice';
import { trailChanged } from './signoff/trail-client';

const useStyles = makeStyles({
  // Layout lives on an inner div: FluentProvider's className is copied onto portal mount
  // nodes (dropdown lists), where height and flex would make an invisible layer over the pane.
  shell: { height: '100%', display: 'flex', flexDirection: 'column', minWidth: 0 },
  tabs: { flexShrink: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: 'auto' },
  // Check and Settings scroll inside themselves (the list; the sections) so their headers and
  // Save stay in view; the sign-off tabs scroll as a whole.
  body: { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' },
  scroll: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
  marks: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  notices: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS}`,
    flexShrink: 0,
  },
});

export interface AppProps {
  host: WorkbookHost;
  check: CheckFn;
  rules: readonly RuleInfo[];
  theme: ThemeName;
  /** 'YYYY-MM-DD' standing in for today when the settings give no as-of date. */
  today: () => string;
  /**
   * A new session after another account's (an account switch): the marks the earlier check
   * left are cleared on start, and the pane says so, so the grid never shows findings this pane does not list.
   */
  clearMarksOnStart?: boolean;
  /** Whether a cell is in the grid's visible area, where the host can tell (the workbench can; Office.js cannot). */
  cellInView?: CellInView;
}

type TabId = 'check' | 'settings' | 'signoff' | 'trail';
interface Notice {
  intent: 'info' | 'warning' | 'error' | 'success';
  title?: string;
  text: string;
}

export function App(props: AppProps): React.JSX.Element {
  return (
    <FluentProvider theme={fluentTheme(props.theme)} style={{ height: '100%' }} data-theme={props.theme}>
      <Pane {...props} />
    </FluentProvider>
  );
}

function Pane({ host, check, rules, today, clearMarksOnStart = false, cellInView }: AppProps): React.JSX.Element {
  const s = useStyles();
  const toasterId = useId('outturn-toaster');
  const { dispatchToast } = useToastController(toasterId);
  const [tab, setTab] = React.useState<TabId>('check');
  const [config, setConfig] = React.useState<OutturnConfig>(DEFAULT_CONFIG);
  const [configVersion, setConfigVersion] = React.useState(0);
  const [scope, setScope] = React.useState<ReadScope>('sheet');
  const [snapshot, setSnapshot] = React.useState<CheckSnapshot | null>(null);
  const [phase, setPhase] = React.useState<CheckPhase | null>(null);
  const [clearing, setClearing] = React.useState(false);
  const [notices, setNotices] = React.useState<Notice[]>([]);
  // After Check: how many marked cells are out of view, and where "Go to first" goes.
  const [marksView, setMarksView] = React.useState<MarksInView | null>(null);
  const [active, setActive] = React.useState<Finding | null>(null);
  const [changed, setChanged] = React.useState(false);
  const [settingsDirty, setSettingsDirty] = React.useState(false);
  const settingsDirtyRef = React.useRef(settingsDirty);
  settingsDirtyRef.current = settingsDirty;
  // What co-authors changed since the last check: a quiet notice, never a dialog or a move of focus.
  const [coauthor, setCoauthor] = React.useState<CoauthorChanges>(NO_COAUTHOR_CHANGES);
  const [pendingTab, setPendingTab] = React.useState<TabId | null>(null);
  const configRef = React.useRef(config);
  configRef.current = config;
  // The cells this session's last Check marked, so Clear marks can say how many cells it cleared.
  const marked = React.useRef<MarkedCells | null>(null);

  // Marks an earlier session left: cleared before this session's first check marks anything.
  const startClear = React.useRef<Promise<void> | null>(null);
  React.useEffect(() => {
    if (!clearMarksOnStart || startClear.current) return;
    startClear.current = host.clearMarks().then(
      (n) => {
        if (n > 0)
          setNotices((list) => [...list, { intent: 'info', title: 'Marks cleared', text: staleMarksSentence() }]);
      },
      (err) => setNotices((list) => [...list, { intent: 'error', text: userMessage(err) }]),
    );
  }, [host, clearMarksOnStart]);

  // The pane is in the page: the end of the first-render figure the benchmark reports.
  React.useLayoutEffect(() => {
    mark(FIRST_RENDER);
  }, []);

  React.useEffect(() => {
    let live = true;
    loadConfig(host).then(
      ({ config: loaded, notice }) => {
        if (!live) return;
        setConfig(loaded);
        setConfigVersion((v) => v + 1);
        if (notice) setNotices([{ intent: 'warning', text: notice }]);
      },
      (err) => live && setNotices([{ intent: 'error', text: userMessage(err) }]),
    );
    return () => {
      live = false;
    };
  }, [host]);

  React.useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let remote = false;
    host
      .onChanged((change) => {
        remote ||= change?.remote === true;
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (!live) return;
          setChanged(true);
          if (remote) setCoauthor((c) => (c.figures ? c : { ...c, figures: true }));
          remote = false;
        }, 300);
      })
      .then(
        (off) => {
          if (live) unsubscribe = off;
          else off();
        },
        () => undefined,
      );
    return () => {
      live = false;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [host]);

  /** Take settings read from the workbook as the pane's own; Settings is re-shown from them unless being edited. */
  const adoptConfig = React.useCallback((next: OutturnConfig): boolean => {
    if (JSON.stringify(next) === JSON.stringify(configRef.current)) return false;
    configRef.current = next;
    setConfig(next);
    if (!settingsDirtyRef.current) setConfigVersion((v) => v + 1);
    return true;
  }, []);

  // Outturn's own sheets changed by someone else (a co-author's signature or settings): the
  // sign-off tabs read the trail again; the settings are read again.
  React.useEffect(() => {
    if (!host.onOwnSheetsChanged) return;
    let unsubscribe: (() => void) | null = null;
    let live = true;
    host
      .onOwnSheetsChanged((change) => {
        if (!live) return;
        if (change.sheet === 'trail') {
          trailChanged();
          return;
        }
        loadConfig(host).then(
          ({ config: loaded }) => {
            if (live && adoptConfig(loaded) && change.remote) setCoauthor((c) => ({ ...c, settings: true }));
          },
          () => undefined, // the next check reads them again and says what failed
        );
      })
      .then(
        (off) => {
          if (live) unsubscribe = off;
          else off();
        },
        () => undefined,
      );
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [host, adoptConfig]);

  const recheck = React.useCallback(async (): Promise<CheckSnapshot | null> => {
    setPhase('reading');
    await startClear.current;
    setNotices([]);
    try {
      // The settings as saved now, never as read earlier: a co-author may have saved others since.
      let settingsNotice: string | undefined;
      try {
        const fresh = await loadConfig(host);
        adoptConfig(fresh.config);
        settingsNotice = fresh.notice;
      } catch (err) {
        settingsNotice = `The settings could not be read again (${userMessage(err)}); the check ran with those read earlier.`;
      }
      const cfg = configRef.current;
      const run = await checkInPane(host, check, cfg, scope, cfg.asOf ?? today(), setPhase);
      setSnapshot(run.snapshot);
      setActive(null);
      setChanged(false);
      setCoauthor(NO_COAUTHOR_CHANGES);
      // Old marks left behind (a known Excel defect) still means the new ones are written.
      const marksShown = !run.markError || run.marksWritten === true;
      marked.current = marksShown ? markedCells(run.snapshot.findings) : null;
      const view = marksShown ? marksInView(run.snapshot.findings, cellInView) : null;
      setMarksView(view && view.total > 0 ? view : null);
      // With no grid, the engine's "No metric collection grid found" is the no-grid state itself.
      const noGrid = run.snapshot.result.grids.length === 0;
      setNotices([
        ...(run.markError
          ? [
              {
                intent: 'warning' as const,
                title: run.marksWritten ? 'Old marks left' : 'Cells not marked',
                text: `${run.markError} The findings are listed below.`,
              },
            ]
          : []),
        ...(settingsNotice ? [{ intent: 'warning' as const, text: settingsNotice }] : []),
        ...run.notices
          .filter((n) => !(noGrid && n.code === 'no-grid'))
          .map((n) => ({ intent: 'info' as const, text: n.text })),
      ]);
      try {
        await recordCheckRun(run.snapshot, run.trail);
      } catch (err) {
        setNotices((n) => [
          ...n,
          { intent: 'warning', text: `The check ran but could not be written to the audit trail: ${userMessage(err)}` },
        ]);
      }
      return run.snapshot;
    } catch (err) {
      setNotices([{ intent: 'error', title: 'Check did not finish', text: userMessage(err) }]);
      return null;
    } finally {
      setPhase(null);
    }
  }, [host, check, scope, today, cellInView, adoptConfig]);

  const clear = React.useCallback(async () => {
    setClearing(true);
    try {
      const n = await host.clearMarks();
      setMarksView(null);
      setNotices([{ intent: 'success', text: clearSentence(n, marked.current) }]);
      marked.current = null;
    } catch (err) {
      setNotices([{ intent: 'error', text: userMessage(err) }]);
    } finally {
      setClearing(false);
    }
  }, [host]);

  const select = React.useCallback(
    async (f: Finding) => {
      setActive(f);
      if (!f.cell) return;
      try {
        await host.select(f.sheet, f.cell);
      } catch (err) {
        setNotices([{ intent: 'error', text: userMessage(err) }]);
      }
    },
    [host],
  );

  const save = React.useCallback(
    async (next: OutturnConfig): Promise<boolean> => {
      try {
        await host.saveSettings(next);
        setConfig(next);
        setConfigVersion((v) => v + 1);
        setSettingsDirty(false);
        dispatchToast(
          <Toast data-testid="toast-saved">
            <ToastTitle>Settings saved in the workbook. Press Check to apply them.</ToastTitle>
          </Toast>,
          { intent: 'success', timeout: 4000 },
        );
        try {
          await recordConfigChange(next); // an auditor sees which rule settings later checks ran with
        } catch (err) {
          setNotices((n) => [
            ...n,
            {
              intent: 'warning',
              text: `The settings were saved but could not be written to the audit trail: ${userMessage(err)}`,
            },
          ]);
        }
        return true;
      } catch (err) {
        setNotices([{ intent: 'error', text: userMessage(err) }]);
        return false;
      }
    },
    [host, dispatchToast],
  );

  // The figures-not-checked mapping: saved in the workbook, then the check runs again with it.
  const mapColumns = React.useCallback(
    async (choices: ColumnChoice[]) => {
      const saved = await saveColumnChoices(host, configRef.current, choices);
      configRef.current = saved.config;
      setConfig(saved.config);
      setConfigVersion((v) => v + 1);
      await recheck();
      if (saved.warning) setNotices((n) => [...n, { intent: 'warning', text: saved.warning! }]);
    },
    [host, recheck],
  );

  // Leaving Settings with edits not saved asks first: the edits would otherwise be lost without a word.
  const goTo = (next: TabId) => {
    if (next === tab) return;
    if (tab === 'settings' && settingsDirty) setPendingTab(next);
    else setTab(next);
  };
  const discard = () => {
    setSettingsDirty(false);
    setConfigVersion((v) => v + 1); // remount Settings from the saved configuration
    if (pendingTab) setTab(pendingTab);
    setPendingTab(null);
  };

  const goToFirstMark = React.useCallback(async () => {
    const first = marksView?.first;
    if (!first) return;
    try {
      await host.select(first.sheet, first.address);
    } catch (err) {
      setNotices([{ intent: 'error', text: userMessage(err) }]);
    }
  }, [host, marksView]);

  const marksLine =
    tab === 'check' && marksView && phase === null ? (
      <div className={s.marks} data-testid="marks-in-view" data-out-of-view={marksView.outOfView ?? ''}>
        <Caption1>{marksInViewSentence(marksView)}</Caption1>
        {marksView.first && (marksView.outOfView ?? 1) > 0 && (
          <Link as="button" onClick={() => void goToFirstMark()} data-testid="go-to-first-mark">
            Go to first
          </Link>
        )}
      </div>
    ) : null;

  // On the Sign-off tab the form says itself that its figures are out of date.
  const fromCoauthor = coauthorNotice(
    coauthor,
    snapshot !== null,
    settingsDirty,
    tab === 'signoff' && snapshot !== null,
  );
  const noticeBars =
    notices.length > 0 || (changed && snapshot) || marksLine || fromCoauthor ? (
      <div className={s.notices} aria-live="polite" data-testid="notices">
        {marksLine}
        {fromCoauthor && (
          <MessageBar intent={fromCoauthor.intent} layout="multiline" data-testid="coauthor-notice">
            <MessageBarBody>
              <MessageBarTitle>{fromCoauthor.title}</MessageBarTitle>
              {fromCoauthor.text}
            </MessageBarBody>
            {fromCoauthor.checkAgain && (
              <MessageBarActions>
                <Button
                  size="small"
                  disabled={phase !== null}
                  onClick={() => void recheck()}
                  data-testid="coauthor-check-again"
                >
                  Check again
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {changed && snapshot && !coauthor.figures && (
          <MessageBar intent="warning">
            <MessageBarBody>Figures changed since the last check. Press Check again.</MessageBarBody>
          </MessageBar>
        )}
        {notices.map((n, i) => (
          <MessageBar key={i} intent={n.intent} layout="multiline">
            <MessageBarBody>
              {n.title && <MessageBarTitle>{n.title}</MessageBarTitle>}
              {n.text}
            </MessageBarBody>
          </MessageBar>
        ))}
      </div>
    ) : (
      <div aria-live="polite" data-testid="notices" />
    );

  return (
    <div className={s.shell}>
      {/* At the top, under the tabs: at the bottom it would cover Save and Cancel. */}
      <Toaster toasterId={toasterId} position="top" offset={{ vertical: 40 }} pauseOnHover />
      <TabList
        className={s.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => goTo(d.value as TabId)}
        size="small"
        aria-label="Outturn"
      >
        <Tab value="check" data-testid="tab-check">
          Check
        </Tab>
        <Tab value="settings" data-testid="tab-settings">
          Settings
        </Tab>
        <Tab value="signoff" data-testid="tab-signoff">
          Sign-off
        </Tab>
        <Tab value="trail" data-testid="tab-trail">
          Audit trail
        </Tab>
      </TabList>
      <main className={s.body} aria-label={TAB_NAMES[tab]}>
        {tab === 'check' && (
          <CheckTab
            snapshot={snapshot}
            phase={phase}
            clearing={clearing}
            scope={scope}
            rules={rules}
            onScope={setScope}
            onCheck={() => void recheck()}
            onClear={() => void clear()}
            onSelect={(f) => void select(f)}
            onOpenSettings={() => goTo('settings')}
            active={active}
            notices={noticeBars}
            onMapColumns={mapColumns}
            onMark={(findings) => host.mark(findings)}
          />
        )}
        {tab === 'settings' && (
          <>
            {noticeBars}
            <SettingsTab
              key={configVersion}
              config={config}
              rules={rules}
              grids={snapshot?.result.grids ?? []}
              onSave={save}
              onDirtyChange={setSettingsDirty}
            />
          </>
        )}
        {(tab === 'signoff' || tab === 'trail') && (
          <div className={s.scroll}>
            {noticeBars}
            {tab === 'signoff' ? (
              <SignOffTab lastCheck={snapshot} recheck={recheck} changed={changed} coauthor={coauthor.figures} />
            ) : (
              <AuditTrailTab lastCheck={snapshot} recheck={recheck} />
            )}
          </div>
        )}
      </main>
      <Dialog
        open={pendingTab !== null}
        onOpenChange={(_, d) => {
          if (!d.open) setPendingTab(null);
        }}
        modalType="alert"
      >
        <DialogSurface aria-describedby={undefined} data-testid="unsaved-dialog">
          <DialogBody>
            <DialogTitle>Discard unsaved settings?</DialogTitle>
            <DialogContent>
              Your changes to the settings have not been saved in the workbook. Discard them, or keep editing and press
              Save.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => setPendingTab(null)} data-testid="keep-editing">
                Keep editing
              </Button>
              <Button appearance="secondary" onClick={discard} data-testid="discard-settings">
                Discard changes
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

const TAB_NAMES: Record<TabId, string> = {
  check: 'Check',
  settings: 'Settings',
  signoff: 'Sign-off',
  trail: 'Audit trail',
};
