import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toCsv, type CsvColumn } from '../../shared/domain/csv';
import { Chart, type ChartOption } from './Chart';

export interface TableColumn<Row> extends CsvColumn<Row> {
  /** How the cell shows on screen; the CSV gets `value`. */
  readonly display?: (row: Row) => ReactNode;
  readonly numeric?: boolean;
  /** false: on screen only (buttons), not in the CSV. */
  readonly exported?: boolean;
  /** false: in the CSV only (a value the screen shows inside another column's cell). */
  readonly onScreen?: boolean;
  /** A class for the column's cells (widths, wrapping). */
  readonly className?: string;
}

/** Saves text as a file through the browser's download (Electron asks where to save). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A chart that can also be read as a table and saved as CSV (UTF-8 with BOM, for Excel):
 * every figure on the Statistics page and the account's trend goes through here. The chart is
 * hidden from screen readers; its Table button (a toggle) gives them the same figures.
 */
export function ChartPanel<Row>(props: {
  readonly option: ChartOption | null;
  readonly columns: readonly TableColumn<Row>[];
  readonly rows: readonly Row[];
  readonly caption: string;
  readonly fileName: string;
  readonly rowKey: (row: Row) => string;
  readonly height?: number;
  readonly initialView?: 'chart' | 'table';
}) {
  const { t } = useTranslation();
  const [view, setView] = useState(props.option ? (props.initialView ?? 'chart') : 'table');
  const showTable = view === 'table' || !props.option;
  const shown = props.columns.filter((column) => column.onScreen !== false);
  const cellClass = (column: TableColumn<Row>) =>
    [column.numeric ? 'numeric' : '', column.className ?? ''].join(' ').trim() || undefined;
  return (
    <div className="chart-panel">
      <div className="chart-tools">
        {props.option && (
          <div className="segmented" role="group" aria-label={t('chart.view')}>
            <button type="button" aria-pressed={!showTable} onClick={() => setView('chart')}>
              {t('chart.asChart')}
            </button>
            <button type="button" aria-pressed={showTable} onClick={() => setView('table')}>
              {t('chart.asTable')}
            </button>
          </div>
        )}
        <button
          type="button"
          className="link"
          disabled={props.rows.length === 0}
          onClick={() =>
            downloadCsv(
              props.fileName,
              toCsv(
                props.columns.filter((column) => column.exported !== false),
                props.rows,
              ),
            )
          }
        >
          {t('chart.exportCsv')}
        </button>
      </div>
      {!showTable && props.option && <Chart option={props.option} height={props.height} />}
      {showTable && (
        // Scrolls only sideways: the page scrolls the rows, so no box cuts a table mid-row.
        <div className="chart-table">
          <table className="data-table">
            <caption className="visually-hidden">{props.caption}</caption>
            <thead>
              <tr>
                {shown.map((column) => (
                  <th key={column.header} scope="col" className={cellClass(column)}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={props.rowKey(row)}>
                  {shown.map((column) => (
                    <td key={column.header} className={cellClass(column)}>
                      {column.display ? column.display(row) : column.value(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
