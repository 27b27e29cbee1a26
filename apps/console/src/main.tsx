import '@thads/ui/styles.css';
import { ApiProvider } from '@thads/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.js';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

// The app is served under /console/ (vite.config.ts `base`): its routes live below that.
const basename = import.meta.env.BASE_URL.replace(/\/$/, '');

createRoot(root).render(
  <StrictMode>
    <ApiProvider>
      <BrowserRouter basename={basename}>
        <App today={new Date()} />
      </BrowserRouter>
    </ApiProvider>
  </StrictMode>,
);
