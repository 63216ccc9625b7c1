/** Cell text and alignment as Excel shows them in the workbench grid; the number formats are engine/format.ts's. */
import { cellText } from '../engine/format';

export type Align = 'left' | 'right' | 'center';

export interface ShownCell {
  text: string;
  align: Align;
}

export function showCell(value: number | string | boolean | null, format = 'General', error = false): ShownCell {
  if (value === null || value === '') return { text: '', align: 'left' };
  if (error) return { text: String(value), align: 'center' };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', align: 'center' };
  if (typeof value === 'string') return { text: value, align: 'left' };
  return { text: cellText(value, format || 'General'), align: 'right' };
}
