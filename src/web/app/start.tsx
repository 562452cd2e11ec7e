/** The application, started by src/web/main.tsx once someone is logged in (or /me could not say). */
import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import type { Me } from '../platform/api/types';
import { i18nReady } from '../platform/i18n';
import { App } from './App';

export async function startApp(root: Root, me: Me | undefined): Promise<void> {
  // the texts of one language arrive as their own small chunk
  await i18nReady;
  root.render(
    <StrictMode>
      <App initialMe={me} />
    </StrictMode>,
  );
}
