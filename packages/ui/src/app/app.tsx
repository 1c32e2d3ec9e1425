import { ComparePage } from '../compare/compare-page.js';
import { OpenFilePage } from '../open-file/open-file-page.js';
import { SearchPage } from '../search/search-page.js';
import { ServiceMapPage } from '../service-map/service-map-page.js';
import { TracePage } from '../trace/trace-page.js';
import { Link } from './link.js';
import { traceIdFromPath, useLocation } from './router.js';
import { ThemeToggle } from './theme-toggle.js';

export function App() {
  const location = useLocation();
  const traceId = traceIdFromPath(location.path);
  const page = traceId ? 'trace' : location.path.startsWith('/compare') ? 'compare' : location.path.startsWith('/map') ? 'map' : location.path.startsWith('/open') ? 'open' : 'search';
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
          <Link to="/compare" aria-current={page === 'compare' ? 'page' : undefined}>
            Compare
          </Link>
          <Link to="/map" aria-current={page === 'map' ? 'page' : undefined}>
            Service map
          </Link>
          <Link to="/open" aria-current={page === 'open' ? 'page' : undefined}>
            Open file
          </Link>
        </nav>
        <span className="top-spacer" />
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1}>
        {traceId ? (
          <TracePage traceId={traceId} />
        ) : page === 'compare' ? (
          <ComparePage params={location.params} />
        ) : page === 'map' ? (
          <ServiceMapPage params={location.params} />
        ) : page === 'open' ? (
          <OpenFilePage />
        ) : (
          <SearchPage params={location.params} />
        )}
      </main>
    </div>
  );
}
