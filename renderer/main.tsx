import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from '../shared/errors';
import type { LookupHit } from '../shared/types';
import { api } from './api';

/** A placeholder page that proves the wiring end to end; the real UI replaces it. */
function App() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly LookupHit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const search = useCallback(async (text: string) => {
    const request = ++latest.current;
    try {
      const result = await api.lookup.search({ query: text });
      if (request !== latest.current) return;
      setHits(result.hits);
      setError(null);
    } catch (caught) {
      if (request !== latest.current) return;
      setError(caught instanceof ApiError ? caught.code : 'INTERNAL');
    }
  }, []);

  useEffect(() => {
    void search(query);
  }, [query, search]);

  // Data written elsewhere (another window, an import) refreshes the list.
  useEffect(() => window.fieldbook.on('data.changed', () => void search(query)), [query, search]);

  return (
    <main>
      <h1>Fieldbook</h1>
      <input
        type="search"
        aria-label="Search"
        placeholder="Name, pinyin, phone or customer number"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoFocus
      />
      {error && <p role="alert">{error}</p>}
      <ul>
        {hits.map((hit) => (
          <li key={hit.account.id}>{hit.account.name}</li>
        ))}
      </ul>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
