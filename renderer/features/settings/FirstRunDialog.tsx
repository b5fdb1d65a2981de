import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsUpdateInput } from '../../../shared/schemas';
import type { Settings } from '../../../shared/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useForm } from '../../components/useForm';
import { LanguageField, ManagerFields, SettingsForm } from './SettingsFields';

/** On first run the code is needed: the settings page may clear it, this dialog may not. */
const firstRunInput = settingsUpdateInput.refine((input) => (input.managerCode ?? '') !== '', {
  message: 'manager_code_needed',
  path: ['managerCode'],
});

/**
 * The first start on a laptop asks who is using it: the manager code is recorded as the owner and
 * author of everything entered here, and "my accounts" (reminders, the agenda, statistics) are
 * that manager's. Without it they would be the operating system's user name (often `admin` or
 * `root`), and a new manager would see empty pages. The language is asked first, so the rest of
 * the questions read in it. Closing the dialog asks again at the next start. A book that cannot
 * be written is not asked about.
 */
export function FirstRunDialog({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [closed, setClosed] = useState(false);
  // A book that takes no changes (read-only, damaged) cannot record the answer: not asked.
  const [writable, setWritable] = useState(false);
  useEffect(() => {
    let current = true;
    api.storage.get().then(
      (status) => current && setWritable(status.writable),
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  const form = useForm(
    firstRunInput,
    // The OS user is offered, never taken silently.
    { managerCode: settings.actor, managerName: settings.managerName },
    (values) => ({ managerCode: values.managerCode.trim(), managerName: values.managerName }),
  );
  if (closed || !writable) return null;
  return (
    <Dialog title={t('firstRun.title')} onClose={() => setClosed(true)}>
      <div className="first-run">
        <p>{t('firstRun.intro')}</p>
        <LanguageField settings={settings} />
        <SettingsForm form={form} submitLabel={t('firstRun.start')} quiet>
          <ManagerFields form={form} codeHint={t('firstRun.managerCodeHint')} autoFocus />
        </SettingsForm>
      </div>
    </Dialog>
  );
}
