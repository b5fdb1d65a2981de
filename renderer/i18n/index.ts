import { enUS, zhCN as dateZhCN, type Locale } from 'date-fns/locale';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import { isValidationMessageKey, validationMessages } from '../../shared/validationMessages';
import { en } from './en';
import { zhCN } from './zh-CN';

/** The UI speaks Simplified Chinese and English; the default follows the system's language. */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

// Every error code has a message (a new code without one fails to compile).
const errorMessages: Record<ErrorCode, string> = en.error;
void errorMessages;

export function systemLanguage(): Language {
  const preferred =
    typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  return preferred.some((tag) => tag?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function resolveLanguage(setting: string | null | undefined): Language {
  return setting === 'zh-CN' || setting === 'en' ? setting : systemLanguage();
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: systemLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches everything language-dependent: strings, validation messages, the page's lang. */
export function applyLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  z.config(language === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return resolveLanguage(i18next.language);
}

export function dateLocale(): Locale {
  return currentLanguage() === 'zh-CN' ? dateZhCN : enUS;
}

/** A schema or API issue in the user's language (our rules carry a message key). */
export function issueMessage(issue: {
  code?: string;
  message: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
}): string {
  const language = currentLanguage();
  if (issue.code && isValidationMessageKey(issue.code)) return validationMessages[issue.code][language];
  if (isValidationMessageKey(issue.message)) return validationMessages[issue.message][language];
  // A required text left empty: zod would say "expected string to have >=1 characters".
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1)
    return i18next.t('form.required');
  // The service's message is English; the bound it sends is enough to say it here.
  if (issue.code === 'too_big' && issue.origin === 'string' && typeof issue.maximum === 'number')
    return i18next.t('form.tooLong', { count: issue.maximum });
  return issue.message;
}

export { i18next };
