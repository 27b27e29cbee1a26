import '@thads/ui/styles.css';
import './summary.css';
import { ApiProvider } from '@thads/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

createRoot(root).render(
  <StrictMode>
    <ApiProvider>
      <App today={new Date()} />
    </ApiProvider>
  </StrictMode>,
);
