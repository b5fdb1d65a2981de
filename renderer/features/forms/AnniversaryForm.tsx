import { useTranslation } from 'react-i18next';
import { lunarDayName, lunarMonthName } from '../../../shared/domain/lunarNames';
import { anniversaryCreateInput, anniversaryKinds, anniversaryUpdateInput } from '../../../shared/schemas';
import type { AccountKind, Anniversary, AnniversaryKind, CalendarKind } from '../../../shared/types';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useForm } from '../../components/useForm';
import { Options } from '../../components/Options';
import { anniversaryDate } from '../account/format';

const months = Array.from({ length: 12 }, (_, i) => i + 1);
const days = (calendar: CalendarKind) =>
  Array.from({ length: calendar === 'lunar' ? 30 : 31 }, (_, i) => i + 1);

/** Kinds that fit the account: birthdays and weddings are people's, founding days companies'. */
function kindsFor(accountKind: AccountKind): AnniversaryKind[] {
  return anniversaryKinds.filter((kind) =>
    accountKind === 'person' ? kind !== 'founding' : kind !== 'birthday' && kind !== 'wedding',
  );
}

/** What a DUPLICATE_ANNIVERSARY refusal found on the account. */
function LikeAnniversaries({ details }: { details: unknown }) {
  const { t } = useTranslation();
  const existing = (details as { existing?: Anniversary[] } | undefined)?.existing;
  if (!existing || existing.length === 0) return null;
  return (
    <p className="duplicates">
      {t('form.duplicateAnniversary')}{' '}
      {existing
        .map(
          (anniversary) =>
            `${anniversary.kind === 'custom' ? anniversary.label : t(`anniversaryKind.${anniversary.kind}`)} ${anniversaryDate(anniversary, t(`calendar.${anniversary.calendar}`))}`,
        )
        .join('；')}
    </p>
  );
}

/**
 * Add an anniversary by the Gregorian or the lunar calendar (Chinese month and day names, 闰月),
 * or correct one. A second birthday by the same calendar is shown with the one already there
 * and saved only on "Save anyway".
 */
export function AnniversaryForm(props: {
  accountId: string;
  accountKind: AccountKind;
  anniversary?: Anniversary;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const editing = props.anniversary;
  const fitting = kindsFor(props.accountKind);
  const kinds = editing && !fitting.includes(editing.kind) ? [editing.kind, ...fitting] : fitting;
  const form = useForm(
    editing ? anniversaryUpdateInput : anniversaryCreateInput,
    {
      kind: editing?.kind ?? kinds[0] ?? 'contract',
      label: editing?.label ?? '',
      calendar: editing?.calendar ?? ('gregorian' as CalendarKind),
      month: editing?.month ?? 1,
      day: editing?.day ?? 1,
      leapMonth: editing?.leapMonth ?? false,
      year: editing?.year === null || editing?.year === undefined ? '' : String(editing.year),
      leadDays: editing?.leadDays ? editing.leadDays.join(', ') : '',
      note: editing?.note ?? '',
    },
    (v) => ({
      ...(editing ? { id: editing.id } : { accountId: props.accountId }),
      kind: v.kind,
      label: v.label,
      calendar: v.calendar,
      month: v.month,
      day: v.day,
      leapMonth: v.calendar === 'lunar' && v.leapMonth,
      // A birth year kept from this role is not sent: the one the book holds stays.
      ...(editing?.yearMasked ? {} : { year: v.year.trim() === '' ? null : Number(v.year) }),
      leadDays:
        v.leadDays.trim() === ''
          ? null
          : v.leadDays
              .split(/[,，\s]+/)
              .filter(Boolean)
              .map(Number),
      note: v.note,
    }),
  );
  const { values, errors } = form;
  const lunar = values.calendar === 'lunar';
  const save = async (allowDuplicate = false) => {
    const send = (input: unknown) =>
      editing ? api.anniversaries.update(input as never) : api.anniversaries.create(input as never);
    if (await form.submit(send, { allowDuplicate })) props.onClose();
  };
  return (
    <Dialog title={editing ? t('form.editAnniversary') : t('form.addAnniversary')} onClose={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label={t('field.anniversaryKind')} error={errors['kind']}>
          {(control) => (
            <select
              {...control}
              autoFocus
              value={values.kind}
              onChange={(e) => form.set('kind', e.target.value as AnniversaryKind)}
            >
              <Options values={kinds} label={(kind) => t(`anniversaryKind.${kind}`)} />
            </select>
          )}
        </Field>
        {values.kind === 'custom' && (
          <Field label={t('field.anniversaryLabel')} error={errors['label']}>
            {(control) => (
              <input {...control} value={values.label} onChange={(e) => form.set('label', e.target.value)} />
            )}
          </Field>
        )}
        <fieldset className="field">
          <legend>{t('field.calendar')}</legend>
          {(['gregorian', 'lunar'] as const).map((calendar) => (
            <label key={calendar} className="choice">
              <input
                type="radio"
                name="calendar"
                checked={values.calendar === calendar}
                onChange={() => form.set('calendar', calendar)}
              />
              {t(`calendar.${calendar}`)}
            </label>
          ))}
        </fieldset>
        <div className="date-row">
          <Field label={t('field.month')} error={errors['month']}>
            {(control) => (
              <select
                {...control}
                value={values.month}
                onChange={(e) => form.set('month', Number(e.target.value))}
              >
                <Options values={months} label={(month) => (lunar ? lunarMonthName(month) : String(month))} />
              </select>
            )}
          </Field>
          <Field label={t('field.day')} error={errors['day']}>
            {(control) => (
              <select
                {...control}
                value={values.day}
                onChange={(e) => form.set('day', Number(e.target.value))}
              >
                <Options
                  values={days(values.calendar)}
                  label={(day) => (lunar ? lunarDayName(day) : String(day))}
                />
              </select>
            )}
          </Field>
          {lunar && (
            <label className="choice leap">
              <input
                type="checkbox"
                checked={values.leapMonth}
                onChange={(e) => form.set('leapMonth', e.target.checked)}
              />
              {t('field.leapMonth')}
            </label>
          )}
        </div>
        <Field label={t('field.year')} hint={t('field.yearHint')} error={errors['year']}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={editing?.yearMasked ? '****' : values.year}
              disabled={editing?.yearMasked === true}
              onChange={(e) => form.set('year', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('field.leadDays')}
          hint={t('field.leadDaysHint')}
          error={errors['leadDays'] ?? errors['leadDays.0']}
        >
          {(control) => (
            <input
              {...control}
              value={values.leadDays}
              onChange={(e) => form.set('leadDays', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('field.note')} error={errors['note']}>
          {(control) => (
            <input {...control} value={values.note} onChange={(e) => form.set('note', e.target.value)} />
          )}
        </Field>
        <FormFooter form={form} onCancel={props.onClose} onSaveAnyway={() => void save(true)}>
          <LikeAnniversaries details={form.errorDetails} />
        </FormFooter>
      </form>
    </Dialog>
  );
}
