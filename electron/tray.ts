import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import { trayMenuText, type Language } from './reminderTexts';

/**
 * The tray icon that keeps Fieldbook reachable while its window is hidden: Open Fieldbook,
 * Quit. The icons come from build/tray/ (copied next to main.cjs by build/bundle.mjs); macOS
 * gets a template image (black and alpha, tinted by the menu bar), with its @2x variant.
 */
export interface AppTray {
  /** Rebuilds the menu in the given language. */
  setLanguage(language: Language): void;
  destroy(): void;
}

export interface AppTrayOptions {
  readonly iconDirectory: string;
  readonly language: Language;
  readonly onOpen: () => void;
  readonly onQuit: () => void;
  readonly platform?: NodeJS.Platform;
  readonly log?: (message: string) => void;
}

export function trayIconPath(iconDirectory: string, platform: NodeJS.Platform): string {
  return join(iconDirectory, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const platform = options.platform ?? process.platform;
  const log = options.log ?? ((message) => console.warn(message));
  const iconPath = trayIconPath(options.iconDirectory, platform);
  const icon = nativeImage.createFromPath(iconPath);
  if (icon.isEmpty()) log(`[tray] no icon at ${iconPath}`);
  if (platform === 'darwin') icon.setTemplateImage(true);
  const tray = new Tray(icon);
  tray.setToolTip('Fieldbook');
  // macOS opens the menu on click; elsewhere a click opens the window, the menu is on right-click.
  if (platform !== 'darwin') tray.on('click', () => options.onOpen());

  const setLanguage = (language: Language) => {
    const text = trayMenuText(language);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: text.open, click: () => options.onOpen() },
        { type: 'separator' },
        { label: text.quit, click: () => options.onQuit() },
      ]),
    );
  };
  setLanguage(options.language);
  return { setLanguage, destroy: () => tray.destroy() };
}
