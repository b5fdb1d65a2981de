import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useImports } from '../../stores/imports';
import { FileStep } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { MappingStep } from './MappingStep';
import { OptionsStep } from './OptionsStep';
import { PreviewStep } from './PreviewStep';
import './import.css';

/**
 * 导入 CSV: choose a file, say what it holds and which column is which, check a dry run, import,
 * and revert an import from the history below.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const staged = useImports((state) => state.staged);
  const applied = useImports((state) => state.applied);
  useEffect(() => {
    useImports.getState().open();
    return () => useImports.getState().close();
  }, []);
  return (
    <section className="page import-page" aria-labelledby="import-title">
      <div className="page-header">
        <h1 id="import-title">{t('import.title')}</h1>
      </div>
      <p className="muted import-intro">{t('import.intro')}</p>
      <div className="import-steps">
        <FileStep />
        {staged && (
          <>
            <OptionsStep />
            <MappingStep key={staged.stageId} staged={staged} />
          </>
        )}
        {(staged || applied) && <PreviewStep />}
      </div>
      {/* Outside the steps: step 4's bar, kept in view while the steps are, leaves with them. */}
      <ImportHistory />
    </section>
  );
}
