import { useId } from 'react';

/**
 * The button that picks a sync file (a `.fbsync`): a real file input, hidden, named by the
 * button's label, so a keyboard and a screen reader reach it as a control. Used by the Sync
 * page's import and by joining from a head-office file at set-up.
 */
export function SyncFileInput(props: {
  label: string;
  hint: string;
  disabled?: boolean;
  /** The chosen file's name, shown beside the button. */
  chosen?: string | undefined;
  error?: string | undefined;
  onChoose: (file: File) => void;
}) {
  const id = useId();
  const describedBy = [`${id}-hint`, props.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={props.error ? 'import-file field-invalid' : 'import-file'}>
      <input
        id={`${id}-file`}
        className="visually-hidden"
        type="file"
        accept=".fbsync,application/octet-stream"
        aria-describedby={describedBy}
        aria-invalid={Boolean(props.error)}
        disabled={props.disabled}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          // Cleared, so choosing the same file again (after a refusal) is seen as a choice.
          input.value = '';
          if (file) props.onChoose(file);
        }}
      />
      <label htmlFor={`${id}-file`} className="file-button">
        {props.label}
      </label>
      {props.chosen !== undefined && <span className="sync-file-name">{props.chosen}</span>}
      <small id={`${id}-hint`} className="hint">
        {props.hint}
      </small>
      {props.error && (
        <small id={`${id}-error`} className="error" role="alert">
          {props.error}
        </small>
      )}
    </div>
  );
}
