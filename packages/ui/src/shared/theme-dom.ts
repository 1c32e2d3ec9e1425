import { THEME_STORAGE_KEY, initialTheme, type Theme } from './theme.js';

/** The theme as the page starts: remembered choice, else the system's `prefers-color-scheme`. */
export function readStartupTheme(): Theme {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings); the system preference still applies.
  }
  return initialTheme(stored, window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
}

/** Sets `<html data-theme>` (the CSS variables key off it) and remembers the choice when asked. */
export function applyTheme(theme: Theme, remember: boolean): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
  if (!remember) return;
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Not remembered across reloads, but the page still switches.
  }
}
