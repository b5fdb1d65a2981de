import { useSettings } from '../stores/settings';

/**
 * A manager as people know them: this laptop's manager by name ("陈经理 m042"), anyone else by
 * code. The code is what the book stores and syncs; names of other managers are not in the book
 * yet (they come with users and roles).
 */
export function useManagerName(): (code: string) => string {
  const settings = useSettings((state) => state.settings);
  return (code) =>
    settings && code !== '' && code === settings.managerCode && settings.managerName !== ''
      ? `${settings.managerName} ${code}`
      : code;
}
