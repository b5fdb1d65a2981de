import { z } from 'zod';
import { idSchema, textBlock } from './common';

/** Erasing an account on request (a person's data removed for good): why is required. */
export const accountEraseInput = z.strictObject({ id: idSchema, reason: textBlock(500).min(1) });
