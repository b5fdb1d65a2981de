import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { importKinds, importMatchKeys, importOnExisting } from '../../../shared/domain/importFields';
import type { ImportMatchKey } from '../../../shared/types';
import { Options } from '../../components/Options';
import { useImports } from '../../stores/imports';

/** Step 2: what the file holds, how rows find their account, what to do with existing rows. */
export function OptionsStep() {
  const { t } = useTranslation();
  const id = useId();
  const settings = useImports((state) => state.settings);
  const setKind = useImports((state) => state.setKind);
  const setMatchKey = useImports((state) => state.setMatchKey);
  const setOnExisting = useImports((state) => state.setOnExisting);
  return (
    <section className="card import-step" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('import.optionsStep')}</h2>
      </header>
      <div className="import-options">
        <fieldset className="field">
          <legend>{t('import.kindLabel')}</legend>
          <div>
            {importKinds.map((kind) => (
              <label key={kind} className="choice">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={kind}
                  checked={settings.kind === kind}
                  onChange={() => setKind(kind)}
                />
                {t(`import.kind.${kind}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-match`}>{t('import.matchKey')}</label>
          <select
            id={`${id}-match`}
            value={settings.matchKey}
            aria-describedby={`${id}-match-hint`}
            onChange={(event) => setMatchKey(event.target.value as ImportMatchKey)}
          >
            <Options values={importMatchKeys} label={(key) => t(`field.${key}`)} />
          </select>
          <small id={`${id}-match-hint`} className="hint">
            {t('import.matchKeyHint')}
          </small>
        </div>
        <fieldset className="field" aria-describedby={`${id}-existing-hint`}>
          <legend>{t('import.onExistingLabel')}</legend>
          <div>
            {importOnExisting.map((choice) => (
              <label key={choice} className="choice">
                <input
                  type="radio"
                  name={`${id}-existing`}
                  value={choice}
                  checked={settings.onExisting === choice}
                  onChange={() => setOnExisting(choice)}
                />
                {t(`import.onExisting.${choice}`)}
              </label>
            ))}
          </div>
          <small id={`${id}-existing-hint`} className="hint">
            {t(`import.existingMeans.${settings.kind}`)}
          </small>
        </fieldset>
      </div>
    </section>
  );
}
