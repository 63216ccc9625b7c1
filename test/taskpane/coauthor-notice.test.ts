import { coauthorNotice, NO_COAUTHOR_CHANGES, refusedTitle } from '../../src/taskpane/coauthor-notice';

describe("the pane's notice for a co-author's changes", () => {
  test('nothing changed by a co-author: no notice', () => {
    expect(coauthorNotice(NO_COAUTHOR_CHANGES, true, false)).toBeNull();
  });

  test('figures changed after a check: a warning with Check again', () => {
    expect(coauthorNotice({ figures: true, settings: false }, true, false)).toEqual({
      intent: 'warning',
      title: 'Changed by a co-author',
      text: 'The figures changed since your last check.',
      checkAgain: true,
    });
  });

  test('settings saved by a co-author: said quietly; while this person edits Settings, Save is said to replace theirs', () => {
    expect(coauthorNotice({ figures: false, settings: true }, false, false)).toEqual({
      intent: 'info',
      title: 'Changed by a co-author',
      text: 'The settings were changed; the next check applies them.',
      checkAgain: false,
    });
    expect(coauthorNotice({ figures: true, settings: true }, true, true)?.text).toBe(
      'The figures changed since your last check. The settings were saved by a co-author while you edit them: Save replaces theirs with yours.',
    );
  });

  test('on the Sign-off tab, where the form says its figures are out of date, only the settings are said', () => {
    expect(coauthorNotice({ figures: true, settings: false }, true, false, true)).toBeNull();
    expect(coauthorNotice({ figures: true, settings: true }, true, false, true)?.text).toBe(
      'The settings were changed; checking again applies them.',
    );
  });

  test('a refusal because the figures changed is titled as such', () => {
    expect(refusedTitle(['figures-changed'])).toBe('Not signed: the figures changed');
    expect(refusedTitle(['errors'])).toBe('Signing refused');
  });
});
