import { SearchPage } from '../search/search-page.js';
import { TracePage } from '../trace/trace-page.js';
import { Link } from './link.js';
import { traceIdFromPath, useLocation } from './router.js';
import { ThemeToggle } from './theme-toggle.js';

export function App() {
  const location = useLocation();
  const traceId = traceIdFromPath(location.path);
  const page = traceId ? 'trace' : 'search';
  return (
    <div className="skein-app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="skein-top">
        <Link to="/search" className="brand" aria-label="Skein home">
          <span className="brand-mark" aria-hidden="true">
            ◎
          </span>
          Skein
        </Link>
        <nav aria-label="Pages">
          <Link to="/search" aria-current={page === 'search' ? 'page' : undefined}>
            Search
          </Link>
        </nav>
        <span className="top-spacer" />
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1}>
        {traceId ? <TracePage traceId={traceId} /> : <SearchPage params={location.params} />}
      </main>
    </div>
  );
}
