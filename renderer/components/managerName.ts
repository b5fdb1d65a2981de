import { useCallback } from 'react';
import { useSettings } from '../stores/settings';
import { useUsers } from '../stores/users';

/**
 * A manager as people know them: by name with the code the book stores and syncs ("陈经理
 * m042") — the name from the book's users, else this laptop's manager's name from Settings (a
 * book without users) — or the code alone when no name is known. The function stays the same
 * until the names change, so memoized rows that take it skip re-rendering.
 */
export function useManagerName(): (code: string) => string {
  const settings = useSettings((state) => state.settings);
  const names = useUsers((state) => state.names);
  return useCallback(
    (code: string) => {
      if (code === '') return code;
      const name =
        names[code.toLowerCase()] ??
        (settings && code === settings.managerCode && settings.managerName !== ''
          ? settings.managerName
          : null);
      return name === null ? code : `${name} ${code}`;
    },
    [settings, names],
  );
}
