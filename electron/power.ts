import type { PowerMonitor } from 'electron';
import type { Subscribe } from './reminderEngine';

type PowerEvents = Pick<PowerMonitor, 'on' | 'removeListener'>;

/** The system resumed from sleep or the screen was unlocked: a new day may have begun meanwhile. */
export function onWake(power: PowerEvents): Subscribe {
  return (listener) => {
    power.on('resume', listener);
    power.on('unlock-screen', listener);
    return () => {
      power.removeListener('resume', listener);
      power.removeListener('unlock-screen', listener);
    };
  };
}
