import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './platform/i18n';
import './ui/global.css';
import { App } from './app/App';

// the texts of one language arrive as their own small chunk, in parallel with the app's start
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
