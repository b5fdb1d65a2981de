import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { importFieldsOf, requiredImportFields } from '../../../shared/domain/importFields';
import type { StagedImport } from '../../../shared/types';
import { issueMessage } from '../../i18n';
import { useImports } from '../../stores/imports';
import { CategoryMapping } from './CategoryMapping';
import { ColumnSelect } from './ColumnSelect';
import { SampleTable } from './SampleTable';

/** Step 3: which column of the file each field is read from, with the file's first rows. */
export function MappingStep({ staged }: { staged: StagedImport }) {
  const { t } = useTranslation();
  const id = useId();
  const settings = useImports((state) => state.settings);
  const issues = useImports((state) => state.mappingIssues);
  const setColumn = useImports((state) => state.setColumn);
  const required = new Set([settings.matchKey, ...requiredImportFields[settings.kind]]);
  return (
    <section className="card import-step" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('import.mappingStep')}</h2>
      </header>
      <div className="import-mapping" role="group" aria-labelledby={`${id}-title`}>
        {importFieldsOf[settings.kind].map((field) => {
          const issue = issues[field];
          return (
            <ColumnSelect
              key={field}
              label={t(`field.${field}`)}
              headers={staged.headers}
              value={settings.mapping[field] ?? ''}
              required={required.has(field)}
              error={issue ? issueMessage(issue) : undefined}
              onChange={(header) => setColumn(field, header)}
            />
          );
        })}
      </div>
      <CategoryMapping />
      <h3 className="import-subtitle">{t('import.sample')}</h3>
      <SampleTable staged={staged} />
    </section>
  );
}
