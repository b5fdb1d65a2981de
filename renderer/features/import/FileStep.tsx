import { useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/errors';
import { importMaxFileBytes } from '../../../shared/schemas';
import type { StagedImport } from '../../../shared/types';
import { useImports } from '../../stores/imports';
import { readFileBase64 } from './readFile';

const delimiterNames = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

async function chooseFile(file: File): Promise<void> {
  const imports = useImports.getState();
  // Refused before reading: a file this large would only be held in memory to be refused.
  if (file.size > importMaxFileBytes) {
    imports.fail(new ApiError('IMPORT_TOO_LARGE', `${file.size} bytes`));
    return;
  }
  let content: string;
  try {
    content = await readFileBase64(file);
  } catch {
    imports.fail(new ApiError('IMPORT_UNREADABLE', 'FileReader failed'));
    return;
  }
  await imports.stage(file.name, content);
}

function FileFacts({ staged }: { staged: StagedImport }) {
  const { t } = useTranslation();
  return (
    <dl className="import-facts" aria-label={t('import.fileFacts')}>
      <div>
        <dt>{t('import.fileFacts')}</dt>
        <dd>{staged.fileName}</dd>
      </div>
      <div>
        <dt>{t('import.encodingLabel')}</dt>
        <dd>{t(`import.encoding.${staged.encoding}`)}</dd>
      </div>
      <div>
        <dt>{t('import.delimiterLabel')}</dt>
        <dd>{t(`import.delimiter.${delimiterNames[staged.delimiter]}`)}</dd>
      </div>
      <div>
        <dt>{t('import.rowCountLabel')}</dt>
        <dd>{staged.rowCount.toLocaleString()}</dd>
      </div>
    </dl>
  );
}

/** The refusal in words; a UTF-8 file with a stray byte says on which line. */
function fileErrorText(t: TFunction, error: ApiError): string {
  const details = error.details as { reason?: unknown; line?: unknown } | undefined;
  if (
    error.code === 'IMPORT_UNREADABLE' &&
    details?.reason === 'encoding' &&
    typeof details.line === 'number'
  )
    return t('import.unreadableLine', { line: details.line });
  return t(`error.${error.code}`);
}

/** Step 1: the file chooser, and what the service read from the file. */
export function FileStep() {
  const { t } = useTranslation();
  const id = useId();
  const staged = useImports((state) => state.staged);
  const staging = useImports((state) => state.staging);
  const error = useImports((state) => state.error);
  // With no file staged, the last refusal is about choosing one.
  const fileError = staged ? null : error;
  return (
    <section className="card import-step" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>{t('import.fileStep')}</h2>
      </header>
      {/* The native control's own words ("No file chosen") are in the browser's language and
          stay blank once the input is cleared: the label is the visible button instead. */}
      <div className="import-file">
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".csv,text/csv,.txt"
          aria-describedby={`${id}-hint`}
          disabled={staging}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            // Cleared, so choosing the same file again (after fixing it) is a change too.
            input.value = '';
            if (file) void chooseFile(file);
          }}
        />
        <label htmlFor={`${id}-file`} className="file-button">
          {t('import.file')}
        </label>
        <small id={`${id}-hint`} className="hint">
          {t('import.fileHint')}
        </small>
      </div>
      {staging && (
        <p className="muted" role="status">
          {t('import.reading')}
        </p>
      )}
      {fileError && (
        <p className="form-error" role="alert">
          {fileErrorText(t, fileError)}
        </p>
      )}
      {staged && <FileFacts staged={staged} />}
      {staged?.remembered && <p className="hint">{t('import.remembered')}</p>}
    </section>
  );
}
