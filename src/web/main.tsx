import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './platform/i18n';
import './ui/global.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
