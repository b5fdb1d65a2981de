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

export const useSettings = create<SettingsState>((set, get) => ({
  settings: null,
  async load() {
    const settings = await api.settings.get();
    applyLanguage(resolveLanguage(settings.language));
    set({ settings });
  },
  async update(patch) {
    // Controls show the change at once; a refusal puts the stored settings back.
    const before = get().settings;
    if (before) {
      const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      set({ settings: { ...before, ...given } });
    }
    try {
      await api.settings.update(patch);
    } catch (error) {
      set({ settings: before });
      throw error;
    }
    // Read back: who the app records as author may have changed with the manager code.
    const settings = await api.settings.get();
    applyLanguage(resolveLanguage(settings.language));
    set({ settings });
  },
}));
