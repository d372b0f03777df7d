import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ClientContext } from './api/context';
import { createClient } from './api/client';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ClientContext.Provider value={createClient()}>
        <App />
      </ClientContext.Provider>
    </StrictMode>,
  );
}
