import { z } from 'zod';

/** A backup named by its file name in the backup folder: no folders, no way out of it. */
export const backupFileSchema = z
  .string()
  .max(200)
  .regex(/^[\w.-]+\.db$/, { message: 'invalid_backup_file' });

export const backupFileInput = z.strictObject({ file: backupFileSchema });

export const backupCreateInput = z
  .strictObject({
    /** `daily`: the automatic backup (kept in generations); by hand otherwise. */
    kind: z.enum(['manual', 'daily']).default('manual'),
  })
  .default({ kind: 'manual' });

const generations = (most: number) => z.int().min(0).max(most);

/** Automatic backups: whether they run, and how many generations are kept. */
export const backupSettingsSchema = z.strictObject({
  daily: z.boolean(),
  keep: z.strictObject({ daily: generations(60), weekly: generations(52), monthly: generations(120) }),
});
