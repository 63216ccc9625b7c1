/**
 * What the pane says when other people change the workbook. Microsoft's co-authoring
 * guidance warns that UI shown in response to data changes pops up for every co-author, so
 * a co-author's change never opens a dialog or moves the focus: it sets these flags, and the
 * pane shows one small notice with a Check again button.
 */
import type { RefusalCode } from '../app';

/** What co-authors changed since this pane's last check. */
export interface CoauthorChanges {
  figures: boolean;
  settings: boolean;
}

export const NO_COAUTHOR_CHANGES: CoauthorChanges = { figures: false, settings: false };

export interface CoauthorNotice {
  intent: 'warning' | 'info';
  title: string;
  text: string;
  /** Offer Check again (there is a check whose figures or settings are now out of date). */
  checkAgain: boolean;
}

/**
 * The notice for what co-authors changed, or null when nothing needs saying. `checked`:
 * a check has run (so its results may be out of date); `editingSettings`: this person has
 * unsaved edits in Settings, which are kept; `formSaysFigures`: the sign form in view says
 * itself that its figures are out of date, so the notice does not say it twice.
 */
export function coauthorNotice(
  changes: CoauthorChanges,
  checked: boolean,
  editingSettings: boolean,
  formSaysFigures = false,
): CoauthorNotice | null {
  const figures = changes.figures && !formSaysFigures;
  if (!figures && !changes.settings) return null;
  const parts: string[] = [];
  if (figures) parts.push('The figures changed since your last check.');
  if (changes.settings)
    parts.push(
      editingSettings
        ? 'The settings were saved by a co-author while you edit them: Save replaces theirs with yours.'
        : checked
          ? 'The settings were changed; checking again applies them.'
          : 'The settings were changed; the next check applies them.',
    );
  return {
    intent: figures ? 'warning' : 'info',
    title: 'Changed by a co-author',
    text: parts.join(' '),
    checkAgain: checked,
  };
}

/** The title over a refused signature: a co-author's change is said as such, not as a rule broken. */
export function refusedTitle(codes: readonly RefusalCode[]): string {
  return codes.includes('figures-changed') ? 'Not signed: the figures changed' : 'Signing refused';
}
