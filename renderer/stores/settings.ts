import { create } from 'zustand';
import type { InputOf } from '../../shared/api';
import type { Settings } from '../../shared/types';
import { api } from '../api';
import { applyLanguage, resolveLanguage } from '../i18n';

/** This device's preferences; the language switch takes effect at once and is remembered. */
interface SettingsState {
  readonly settings: Settings | null;
  load(): Promise<void>;
  update(patch: InputOf<'settings.update'>): Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  async load() {
    const settings = await api.settings.get();
    applyLanguage(resolveLanguage(settings.language));
    set({ settings });
  },
  async update(patch) {
    const settings = await api.settings.update(patch);
    applyLanguage(resolveLanguage(settings.language));
    set({ settings });
  },
}));
