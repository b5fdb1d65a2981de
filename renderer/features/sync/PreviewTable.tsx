import { useTranslation } from 'react-i18next';
import type { SyncEntityCounts } from '../../../shared/types';
import { entityName } from './format';

const countNames = [
  'new',
  'changed',
  'ignoredOlder',
  'conflicts',
] as const satisfies readonly (keyof SyncEntityCounts)[];

/** Parents first, as the file holds them; entities this version does not know come last. */
const entityOrder = ['account', 'phone', 'relationship', 'anniversary', 'visit', 'consumption'];
const rank = (entity: string) => {
  const index = entityOrder.indexOf(entity);
  return index === -1 ? entityOrder.length : index;
};

/** Per kind of record: new, changed, ignored as older, conflicts; and the totals. */
export function PreviewTable(props: {
  entities: Readonly<Record<string, SyncEntityCounts>>;
  totals: SyncEntityCounts;
  caption: string;
}) {
  const { t } = useTranslation();
  const entities = Object.keys(props.entities).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return (
    <div className="table-scroll">
      <table className="data-table sync-counts">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sync.import.entity')}</th>
            {countNames.map((name) => (
              <th key={name} scope="col" className="numeric">
                {t(`sync.import.${name}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => (
            <tr key={entity}>
              <th scope="row">{entityName(entity)}</th>
              {countNames.map((name) => (
                <td
                  key={name}
                  className={
                    name === 'conflicts' && (props.entities[entity]?.conflicts ?? 0) > 0
                      ? 'numeric has-conflicts'
                      : 'numeric'
                  }
                >
                  {(props.entities[entity]?.[name] ?? 0).toLocaleString()}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('sync.import.total')}</th>
            {countNames.map((name) => (
              <td key={name} className="numeric">
                {props.totals[name].toLocaleString()}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
