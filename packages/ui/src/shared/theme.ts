/** Light/dark theme: remembered in localStorage, defaulting to the system preference. */
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'skein.theme';

/** The stored choice when it is a valid one, else what the system prefers. */
export function initialTheme(stored: string | null | undefined, prefersDark: boolean): Theme {
  if (stored === 'light' || stored === 'dark') return stored;
  return prefersDark ? 'dark' : 'light';
}

export const otherTheme = (t: Theme): Theme => (t === 'dark' ? 'light' : 'dark');
