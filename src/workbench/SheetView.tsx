import * as React from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { columnLetters, a1 } from '../engine/model/address';
import { isBlankSimCell, usedArea, type SimSheet, type SimWorkbook } from '../simulator/state';
import { conditionalLooks } from './marks';
import { showCell } from './format';

export interface SheetViewProps {
  wb: SimWorkbook;
  /** Bumped by the workbench whenever the simulated workbook may have changed. */
  version: number;
  bold: ReadonlySet<string>;
  columnWidths: Record<string, Record<number, number>>;
  onActivate: (sheet: string) => void;
  onSelect: (sheet: string, row: number, col: number) => void;
  onEdit: (sheet: string, row: number, col: number, text: string) => void;
}

const DEFAULT_WIDTH = 72;
const ROW_HEADER_WIDTH = 40;
/** Every row is 20 px plus its 1 px border, as the stylesheet draws it: rows need no measuring. */
const ROW_HEIGHT = 21;
/** The column headings stay on top (sticky): a row scrolled into view must not end up under them. */
const HEAD_HEIGHT = 21;

/** The simulated workbook drawn as Excel would show it: headings, cell text, marks, selection, sheet tabs. */
export function SheetView({
  wb,
  version,
  bold,
  columnWidths,
  onActivate,
  onSelect,
  onEdit,
}: SheetViewProps): React.JSX.Element {
  const visible = wb.sheets.filter((s) => s.visibility === 'Visible');
  const sheet = wb.sheets.find((s) => s.name === wb.activeSheet) ?? visible[0];
  const [editing, setEditing] = React.useState<{ row: number; col: number; text: string } | null>(null);
  const keysRef = React.useRef<HTMLDivElement>(null);
  const looks = React.useMemo(() => (sheet ? conditionalLooks(sheet) : new Map()), [sheet, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const used = sheet ? usedArea(sheet, false) : null;
  const usedRows = (used?.bottom ?? 0) + 1;
  // Rows are drawn on demand (virtualised), so a 3,000-row return shows any row, not just the first few hundred.
  const lastRow = Math.max(usedRows - 1, 24);
  const lastCol = Math.max(used?.right ?? 0, 9);
  // eslint-disable-next-line react-hooks/incompatible-library -- useVirtualizer returns fresh functions by design.
  const rows = useVirtualizer({
    count: lastRow + 1,
    getScrollElement: () => keysRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
    overscan: 12,
  });
  const sel = sheet?.selection;
  const widths = React.useMemo(() => (sheet ? (columnWidths[sheet.name] ?? {}) : {}), [sheet, columnWidths]);

  // Bring the selected cell into view, as Excel does when the pane selects a finding's cell.
  const selTop = sel?.top ?? 0;
  const selLeft = sel?.left ?? 0;
  const sheetName = sheet?.name;
  React.useLayoutEffect(() => {
    const box = keysRef.current;
    if (!box || sheetName === undefined) return;
    rows.scrollToIndex(selTop, { align: 'auto' });
    let left = ROW_HEADER_WIDTH;
    for (let c = 0; c < selLeft; c++) left += widths[c] ?? DEFAULT_WIDTH;
    const width = widths[selLeft] ?? DEFAULT_WIDTH;
    const viewLeft = box.scrollLeft + ROW_HEADER_WIDTH; // the row numbers are sticky too
    const viewRight = box.scrollLeft + box.clientWidth;
    if (left < viewLeft) box.scrollLeft = left - ROW_HEADER_WIDTH;
    else if (left + width > viewRight)
      box.scrollLeft = Math.min(left - ROW_HEADER_WIDTH, left + width - box.clientWidth);
  }, [sheetName, selTop, selLeft, widths, rows]);

  if (!sheet || !sel) return <p>No worksheet is active.</p>;
  const items = rows.getVirtualItems();
  const padTop = items.length ? items[0].start - HEAD_HEIGHT : 0;
  const padBottom = items.length ? rows.getTotalSize() - items[items.length - 1].end : 0;

  const commit = (moveDown = false) => {
    if (!editing) return;
    onEdit(sheet.name, editing.row, editing.col, editing.text);
    setEditing(null);
    if (moveDown) {
      onSelect(sheet.name, editing.row + 1, editing.col); // Enter moves down, as in Excel
      keysRef.current?.focus();
    }
  };

  return (
    <div className="wb-book">
      <div className="wb-namebox" aria-live="polite" data-testid="namebox">
        {a1(sel.top, sel.left)}
        {sel.bottom !== sel.top || sel.right !== sel.left ? `:${a1(sel.bottom, sel.right)}` : ''}
      </div>
      <div
        ref={keysRef}
        className="wb-scroll"
        tabIndex={0}
        role="group"
        aria-label={`Cells of ${sheet.name}: arrow keys move, type or press F2 to edit, Delete clears`}
        data-testid="sheet-keys"
        onKeyDown={(e) => {
          if (editing || e.ctrlKey || e.metaKey || e.altKey) return;
          const moves: Record<string, [number, number]> = {
            ArrowUp: [-1, 0],
            ArrowDown: [1, 0],
            ArrowLeft: [0, -1],
            ArrowRight: [0, 1],
          };
          if (moves[e.key]) {
            e.preventDefault();
            const [dr, dc] = moves[e.key];
            onSelect(sheet.name, Math.max(0, sel.top + dr), Math.max(0, sel.left + dc));
          } else if (e.key === 'F2' || e.key === 'Enter') {
            e.preventDefault();
            setEditing({ row: sel.top, col: sel.left, text: editText(sheet, sel.top, sel.left) });
          } else if (e.key === 'Delete' || e.key === 'Backspace') {
            e.preventDefault();
            onEdit(sheet.name, sel.top, sel.left, '');
          } else if (e.key.length === 1) {
            // As in Excel, typing into a selected cell replaces what it holds.
            e.preventDefault();
            setEditing({ row: sel.top, col: sel.left, text: e.key });
          }
        }}
      >
        <table
          className="wb-grid"
          data-testid="sheet-grid"
          aria-label={`Sheet ${sheet.name}`}
          style={{ width: ROW_HEADER_WIDTH + range(0, lastCol).reduce((w, c) => w + (widths[c] ?? DEFAULT_WIDTH), 0) }}
        >
          <colgroup>
            <col style={{ width: ROW_HEADER_WIDTH }} />
            {range(0, lastCol).map((c) => (
              <col key={c} style={{ width: widths[c] ?? DEFAULT_WIDTH }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="wb-corner" aria-label="Select all" />
              {range(0, lastCol).map((c) => (
                <th key={c} scope="col" className={c >= sel.left && c <= sel.right ? 'wb-head wb-head-sel' : 'wb-head'}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" style={{ height: padTop }}>
                <td colSpan={lastCol + 2} style={{ padding: 0, border: 'none' }} />
              </tr>
            )}
            {items.map(({ index: r }) => (
              <tr key={r} data-row={r + 1} data-index={r} ref={rows.measureElement}>
                <th scope="row" className={r >= sel.top && r <= sel.bottom ? 'wb-head wb-head-sel' : 'wb-head'}>
                  {r + 1}
                </th>
                {range(0, lastCol).map((c) => {
                  const address = a1(r, c);
                  const isEditing = editing && editing.row === r && editing.col === c;
                  const selected = r >= sel.top && r <= sel.bottom && c >= sel.left && c <= sel.right;
                  return (
                    <GridCell
                      key={c}
                      sheet={sheet}
                      row={r}
                      col={c}
                      address={address}
                      look={looks.get(`${r},${c}`)}
                      bold={bold.has(`${sheet.name}!${address}`)}
                      selected={selected}
                      active={r === sel.top && c === sel.left}
                      onClick={() => onSelect(sheet.name, r, c)}
                      onDoubleClick={() => setEditing({ row: r, col: c, text: editText(sheet, r, c) })}
                    >
                      {isEditing ? (
                        <input
                          className="wb-edit"
                          aria-label={`Edit ${address}`}
                          autoFocus
                          value={editing.text}
                          onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                          onBlur={() => commit()}
                          onKeyDown={(e) => {
                            e.stopPropagation();
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              commit(true);
                            }
                            if (e.key === 'Escape') {
                              setEditing(null);
                              keysRef.current?.focus();
                            }
                          }}
                        />
                      ) : null}
                    </GridCell>
                  );
                })}
              </tr>
            ))}
            {padBottom > 0 && (
              <tr aria-hidden="true" style={{ height: padBottom }}>
                <td colSpan={lastCol + 2} style={{ padding: 0, border: 'none' }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="wb-tabs" role="tablist" aria-label="Sheets">
        {visible.map((s) => (
          <button
            key={s.id}
            role="tab"
            aria-selected={s.name === sheet.name}
            className={s.name === sheet.name ? 'wb-tab wb-tab-active' : 'wb-tab'}
            onClick={() => onActivate(s.name)}
          >
            {s.name}
          </button>
        ))}
      </div>
    </div>
  );
}

interface GridCellProps {
  sheet: SimSheet;
  row: number;
  col: number;
  address: string;
  look: { fill: string | null; fontColor: string | null; bold: boolean } | undefined;
  bold: boolean;
  selected: boolean;
  active: boolean;
  onClick: () => void;
  onDoubleClick: () => void;
  children: React.ReactNode;
}

function GridCell({
  sheet,
  row,
  col,
  address,
  look,
  bold,
  selected,
  active,
  onClick,
  onDoubleClick,
  children,
}: GridCellProps): React.JSX.Element {
  const cell = sheet.rows[row]?.[col];
  const shown = showCell(cell?.value ?? null, cell?.format, Boolean(cell?.error));
  const style: React.CSSProperties = { textAlign: shown.align };
  // As in Excel, left-aligned text runs on over empty cells to its right.
  if (shown.align === 'left' && shown.text && isBlankSimCell(sheet.rows[row]?.[col + 1])) style.overflow = 'visible';
  if (look?.fill) style.backgroundColor = look.fill;
  if (look?.fontColor) style.color = look.fontColor;
  if (bold || look?.bold) style.fontWeight = 600;
  const cls = ['wb-cell'];
  if (selected) cls.push('wb-sel');
  if (active) cls.push('wb-active');
  return (
    <td
      className={cls.join(' ')}
      style={style}
      data-cell={address}
      data-fill={look?.fill ?? ''}
      title={cell?.formula ? cell.formula : undefined}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
    >
      {children ?? <span className="wb-text">{shown.text}</span>}
    </td>
  );
}

/** What the cell shows in the edit box: the formula, or the value as typed (percentages as '94%'). */
function editText(sheet: SimSheet, row: number, col: number): string {
  const cell = sheet.rows[row]?.[col];
  if (!cell || isBlankSimCell(cell)) return '';
  if (cell.formula) return cell.formula;
  return showCell(cell.value, cell.format, Boolean(cell.error)).text;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
