import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { applyTheme, readStartupTheme } from './shared/theme-dom.js';
import './app/app.css';

// Before the first render, so the page never flashes the other theme.
applyTheme(readStartupTheme(), false);

createRoot(document.getElementById('root')!).render(<App />);
