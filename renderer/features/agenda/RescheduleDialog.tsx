import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDayOf } from '../../../shared/domain/visitRules';
import { addDays, epochDay } from '../../../shared/domain/lunarCalendar';
import { ApiError } from '../../../shared/errors';
import type { AgendaItem } from '../../../shared/types';
import { DateInput } from '../../components/DateInput';
import { isCalendarDay, parseDateText } from '../../components/dateText';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { issueMessage } from '../../i18n';
import { dayText } from './format';

/**
 * The earliest day an item can move to: a follow-up today (never before its visit's day), a
 * planned visit today (its time must still be ahead, which the service checks), an anniversary
 * reminder tomorrow (it is a snooze until that day).
 */
function earliestDay(item: AgendaItem, today: string): string {
  if (item.type === 'anniversary') return addDays(today, 1);
  const visitDay = localDayOf(item.visit.occurredAt);
  return item.type === 'followUp' && visitDay > today ? visitDay : today;
}

/** One click to the days people move things to: tomorrow, next Monday, a week from today. */
function presets(today: string): { name: 'tomorrow' | 'nextMonday' | 'nextWeek'; day: string }[] {
  // 1970-01-01 was a Thursday: Monday is 0.
  const weekday = (epochDay(today) + 3) % 7;
  return [
    { name: 'tomorrow', day: addDays(today, 1) },
    { name: 'nextMonday', day: addDays(today, 7 - weekday) },
    { name: 'nextWeek', day: addDays(today, 7) },
  ];
}

/** Picks the new day of a follow-up, a planned visit or an anniversary reminder. */
export function RescheduleDialog(props: {
  item: AgendaItem;
  today: string;
  onSave: (day: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { item, today } = props;
  const min = earliestDay(item, today);
  const [day, setDay] = useState(addDays(item.day > today ? item.day : today, 7));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (day.trim() === '') return setError(t('form.required'));
    const chosen = parseDateText(day, 'date');
    if (chosen === null || !isCalendarDay(chosen)) return setError(t('form.dateInvalid'));
    setBusy(true);
    try {
      await props.onSave(chosen);
      props.onClose();
    } catch (caught) {
      const issue = caught instanceof ApiError ? caught.issues?.[0] : undefined;
      setError(
        issue ? issueMessage(issue) : t(`error.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('agenda.rescheduleTitle', { name: item.account.name })} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="muted">{t(`agenda.currentDay.${item.type}`, { day: dayText(item, today) })}</p>
        <div className="agenda-presets" role="group" aria-label={t('agenda.presets')}>
          {presets(today)
            .filter((preset) => preset.day >= min)
            .map((preset) => (
              <button
                key={preset.name}
                type="button"
                aria-pressed={day === preset.day}
                onClick={() => {
                  setDay(preset.day);
                  setError(null);
                }}
              >
                {t(`agenda.preset.${preset.name}`)}
              </button>
            ))}
        </div>
        <Field
          label={t(item.type === 'anniversary' ? 'agenda.remindOn' : 'agenda.newDay')}
          error={error ?? undefined}
        >
          {(control) => (
            <DateInput
              {...control}
              precision="date"
              autoFocus
              value={day}
              onChange={(text) => {
                setDay(text);
                setError(null);
              }}
            />
          )}
        </Field>
        <footer className="dialog-footer">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('common.save')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
