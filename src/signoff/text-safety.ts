/**
 * Text from a workbook or a typed name, made safe to print. A newline in an indicator ref
 * could forge a report line; a newline in a typed name could forge "Verification:
 * UNBROKEN"; an ANSI escape could rewrite the terminal; a bidi override could show a name
 * reversed. Pure, so the CLI, exports and the task pane can share it.
 */

/**
 * Characters that change how text is laid out or shown rather than what it says: C0
 * controls (NUL … US, including tab, CR and LF), DEL, C1 controls (U+0080 … U+009F, CSI
 * among them), the bidi embeddings, overrides and isolates (U+202A … U+202E,
 * U+2066 … U+2069), the line and paragraph separators (U+2028, U+2029) and the
 * left-to-right / right-to-left / Arabic marks (U+200E, U+200F, U+061C).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_ONE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** True when the text holds a character escapeControls would escape. */
export function hasControlCharacters(text: string): boolean {
  return UNSAFE_ONE.test(text);
}

/**
 * The text with every control, bidi-override and line-separator character shown as an
 * escape (`\n`, `\r`, `\t`, `\e` for ESC, else `\u{202E}`), so a printed line stays one line
 * and shows what is really there. Backslashes are left as they are: the escapes are for a
 * person reading, not to be parsed back.
 */
export function escapeControls(text: string): string {
  return text.replace(
    UNSAFE,
    (ch) => NAMED[ch] ?? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`,
  );
}

/**
 * Why a name typed to sign with cannot be recorded, or null when it can. A name is one
 * line of visible text: control characters and bidi overrides are refused, not cleaned,
 * because a trail record is never changed after it is written and the name must read the
 * same to everybody who later reads the trail.
 */
export function signerNameProblem(name: string): string | null {
  if (!hasControlCharacters(name)) return null;
  return `the name contains a control character (${escapeControls(name.match(UNSAFE_ONE)![0])}): type it as one line of plain text`;
}
