import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type StartMode = 'new' | 'join';

const modes: readonly StartMode[] = ['new', 'join'];

/**
 * The first start's two ways: a new book (its first user is its administrator), or joining from
 * the file head office wrote for this user. Radios, so the arrow keys move between them.
 */
export function StartChoice({ value, onChange }: { value: StartMode; onChange: (mode: StartMode) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="door-choice">
      <legend className="visually-hidden">{t('session.startChoice')}</legend>
      {modes.map((mode) => (
        <label key={mode} className={mode === value ? 'door-choice-on' : undefined}>
          <input
            type="radio"
            name={`${id}-start`}
            value={mode}
            checked={mode === value}
            onChange={() => onChange(mode)}
          />
          {t(mode === 'new' ? 'session.startNew' : 'session.startJoin')}
        </label>
      ))}
    </fieldset>
  );
}
