import { ApiError } from '../../shared/errors';
import type { CsvTable } from './readCsv';

/**
 * Files chosen for import, read once and held in memory between the preview and the apply
 * (the renderer sends the bytes once). Bounded: a few files, the oldest pushed out first.
 */
export interface StagedFile extends CsvTable {
  readonly id: string;
  readonly fileName: string;
  readonly bytes: number;
}

export interface StagingLimits {
  /** Largest file, in bytes; larger ones are refused with IMPORT_TOO_LARGE. */
  readonly maxFileBytes: number;
  /** Files held at once. */
  readonly maxFiles: number;
}

export class StagingArea {
  private readonly files = new Map<string, StagedFile>();
  constructor(readonly limits: StagingLimits) {}

  checkSize(bytes: number): void {
    if (bytes > this.limits.maxFileBytes) {
      throw new ApiError(
        'IMPORT_TOO_LARGE',
        `The file has ${bytes} bytes; at most ${this.limits.maxFileBytes} can be imported at once`,
        { details: { bytes, maxBytes: this.limits.maxFileBytes } },
      );
    }
  }

  add(file: StagedFile): void {
    while (this.files.size >= this.limits.maxFiles) {
      const oldest = this.files.keys().next().value;
      if (oldest === undefined) break;
      this.files.delete(oldest);
    }
    this.files.set(file.id, file);
  }

  get(id: string): StagedFile {
    const file = this.files.get(id);
    if (!file) {
      throw new ApiError('IMPORT_NOT_STAGED', 'That file is no longer open for import; choose it again', {
        details: { stageId: id },
      });
    }
    return file;
  }

  drop(id: string): void {
    this.files.delete(id);
  }
}
