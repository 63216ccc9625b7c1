import * as React from 'react';
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import type { ReadScope, WorkbookHost } from '../excel/host';
import type { OutturnConfig } from '../engine/model/config';
import { DEFAULT_CONFIG } from '../engine/model/config';
import type { Finding, RuleInfo } from '../engine/model/finding';
import type { CheckSnapshot } from './signoff/contract';
import { SignOffTab } from './signoff/SignOffTab';
import { AuditTrailTab } from './signoff/AuditTrailTab';
import { recordCheckRun, recordConfigChange } from './signoff/record-check';
import { type CheckFn, type CheckPhase, loadConfig, runCheck, userMessage } from './run-check';
import { CheckTab } from './CheckTab';
import { SettingsTab } from './SettingsTab';
import { type ThemeName, fluentTheme } from './theme';

const useStyles = makeStyles({
  // Layout lives on an inner div: FluentProvider's className is copied onto portal mount
  // nodes (dropdown lists), where height and flex would make an invisible layer over the pane.
  shell: { height: '100%', display: 'flex', flexDirection: 'column', minWidth: 0 },
  tabs: { flexShrink: 0, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: 'auto' },
  body: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
});

export interface AppProps {
  host: WorkbookHost;
  check: CheckFn;
  rules: readonly RuleInfo[];
  theme: ThemeName;
  /** 'YYYY-MM-DD' standing in for today when the settings give no as-of date. */
  today: () => string;
}

type TabId = 'check' | 'settings' | 'signoff' | 'trail';
interface Notice { intent: 'info' | 'warning' | 'error' | 'success'; title?: string; text: string }

export function App({ host, check, rules, theme, today }: AppProps): React.JSX.Element {
  const s = useStyles();
  const [tab, setTab] = React.useState<TabId>('check');
  const [config, setConfig] = React.useState<OutturnConfig>(DEFAULT_CONFIG);
  const [configVersion, setConfigVersion] = React.useState(0);
  const [scope, setScope] = React.useState<ReadScope>('sheet');
  const [snapshot, setSnapshot] = React.useState<CheckSnapshot | null>(null);
  const [phase, setPhase] = React.useState<CheckPhase | null>(null);
  const [clearing, setClearing] = React.useState(false);
  const [notices, setNotices] = React.useState<Notice[]>([]);
  const [active, setActive] = React.useState<Finding | null>(null);
  const [changed, setChanged] = React.useState(false);
  const configRef = React.useRef(config);
  configRef.current = config;

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
    return () => { live = false; };
  }, [host]);

  React.useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    host.onChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => live && setChanged(true), 300);
    }).then((off) => { if (live) unsubscribe = off; else off(); }, () => undefined);
    return () => { live = false; clearTimeout(timer); unsubscribe?.(); };
  }, [host]);

  const recheck = React.useCallback(async (): Promise<CheckSnapshot | null> => {
    setPhase('reading');
    setNotices([]);
    try {
      const cfg = configRef.current;
      const run = await runCheck(host, check, cfg, scope, cfg.asOf ?? today(), setPhase);
      setSnapshot(run.snapshot);
      setActive(null);
      setChanged(false);
      setNotices([
        ...(run.markError ? [{ intent: 'warning' as const, title: 'Cells not marked', text: `${run.markError} The findings are listed below.` }] : []),
        ...run.notices.map((text) => ({ intent: 'info' as const, text })),
      ]);
      try {
        await recordCheckRun(run.snapshot, run.trail);
      } catch (err) {
        setNotices((n) => [...n, { intent: 'warning', text: `The check ran but could not be written to the audit trail: ${userMessage(err)}` }]);
      }
      return run.snapshot;
    } catch (err) {
      setNotices([{ intent: 'error', title: 'Check did not finish', text: userMessage(err) }]);
      return null;
    } finally {
      setPhase(null);
    }
  }, [host, check, scope, today]);

  const clear = React.useCallback(async () => {
    setClearing(true);
    try {
      const n = await host.clearMarks();
      setNotices([{ intent: 'success', text: n === 0 ? 'There were no Outturn marks to clear.' : `Cleared ${n} Outturn ${n === 1 ? 'mark' : 'marks'}. Your own formatting is unchanged.` }]);
    } catch (err) {
      setNotices([{ intent: 'error', text: userMessage(err) }]);
    } finally {
      setClearing(false);
    }
  }, [host]);

  const select = React.useCallback(async (f: Finding) => {
    setActive(f);
    if (!f.cell) return;
    try {
      await host.select(f.sheet, f.cell);
    } catch (err) {
      setNotices([{ intent: 'error', text: userMessage(err) }]);
    }
  }, [host]);

  const save = React.useCallback(async (next: OutturnConfig) => {
    try {
      await host.saveSettings(next);
      setConfig(next);
      setConfigVersion((v) => v + 1);
      setNotices([{ intent: 'success', text: 'Settings saved in the workbook. Press Check to apply them.' }]);
      try {
        await recordConfigChange(next); // an auditor sees which rule settings later checks ran with
      } catch (err) {
        setNotices((n) => [...n, { intent: 'warning', text: `The settings were saved but could not be written to the audit trail: ${userMessage(err)}` }]);
      }
    } catch (err) {
      setNotices([{ intent: 'error', text: userMessage(err) }]);
    }
  }, [host]);

  return (
    <FluentProvider theme={fluentTheme(theme)} style={{ height: '100%' }} data-theme={theme}>
      <div className={s.shell}>
      <TabList className={s.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small" aria-label="Outturn">
        <Tab value="check" data-testid="tab-check">Check</Tab>
        <Tab value="settings" data-testid="tab-settings">Settings</Tab>
        <Tab value="signoff" data-testid="tab-signoff">Sign-off</Tab>
        <Tab value="trail" data-testid="tab-trail">Audit trail</Tab>
      </TabList>
      <main className={s.body} aria-label={TAB_NAMES[tab]}>
        <div aria-live="polite" data-testid="notices">
          {changed && snapshot && (
            <MessageBar intent="warning"><MessageBarBody>Figures changed since the last check. Press Check again.</MessageBarBody></MessageBar>
          )}
          {notices.map((n, i) => (
            <MessageBar key={i} intent={n.intent}>
              <MessageBarBody>{n.title && <MessageBarTitle>{n.title}</MessageBarTitle>}{n.text}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
        {tab === 'check' && (
          <CheckTab
            snapshot={snapshot}
            phase={phase}
            clearing={clearing}
            scope={scope}
            onScope={setScope}
            onCheck={() => void recheck()}
            onClear={() => void clear()}
            onSelect={(f) => void select(f)}
            active={active}
          />
        )}
        {tab === 'settings' && <SettingsTab key={configVersion} config={config} rules={rules} grids={snapshot?.result.grids ?? []} onSave={save} />}
        {tab === 'signoff' && <SignOffTab lastCheck={snapshot} recheck={recheck} changed={changed} />}
        {tab === 'trail' && <AuditTrailTab lastCheck={snapshot} recheck={recheck} />}
      </main>
      </div>
    </FluentProvider>
  );
}

const TAB_NAMES: Record<TabId, string> = { check: 'Check', settings: 'Settings', signoff: 'Sign-off', trail: 'Audit trail' };
