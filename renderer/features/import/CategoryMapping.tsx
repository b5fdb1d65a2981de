import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { consumptionCategories } from '../../../shared/schemas';
import type { ConsumptionCategory, ImportUnknownCategory } from '../../../shared/types';
import { Options } from '../../components/Options';
import { useImports } from '../../stores/imports';

function CategorySelect({ name }: { name: ImportUnknownCategory }) {
  const { t } = useTranslation();
  const id = useId();
  const mapped = useImports((state) => state.settings.categoryMap?.[name.key]);
  const setCategory = useImports((state) => state.setCategory);
  return (
    <div className="field">
      <label htmlFor={id}>{t('import.categories.name', { name: name.name, count: name.rows })}</label>
      <select
        id={id}
        value={mapped ?? ''}
        className={mapped === undefined ? 'unmapped' : undefined}
        onChange={(event) =>
          setCategory(
            name.key,
            event.target.value === '' ? null : (event.target.value as ConsumptionCategory),
          )
        }
      >
        <option value="">{t('import.categories.unmapped')}</option>
        <Options values={consumptionCategories} label={(category) => t(`category.${category}`)} />
      </select>
    </div>
  );
}

/**
 * The file's own service names Fieldbook does not know (`云计算` in a billing extract), each
 * to be read as one of its categories, or not at all (those rows are refused). Remembered with
 * the column mapping. The categories are fixed across the product (statistics, sync, exports):
 * a name can be mapped to one, not added as a new one.
 */
export function CategoryMapping() {
  const { t } = useTranslation();
  const id = useId();
  const kind = useImports((state) => state.settings.kind);
  const names = useImports((state) => state.unknownCategories);
  if (kind !== 'consumption' || names.length === 0) return null;
  return (
    <div className="import-categories" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="import-subtitle">
        {t('import.categories.title')}
      </h3>
      <p className="hint">{t('import.categories.hint')}</p>
      <div className="import-mapping">
        {names.map((name) => (
          <CategorySelect key={name.key} name={name} />
        ))}
      </div>
    </div>
  );
}
