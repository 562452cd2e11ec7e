/** Providers, outermost first: data cache → antd config (locale, theme) → antd App → auth → router. */
import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider, meKey } from '../platform/auth/AuthProvider';
import type { Me } from '../platform/api/types';
import { createQueryClient } from './queryClient';
import { router } from './router';

function LocaleConfig({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      {children}
    </ConfigProvider>
  );
}

/** `initialMe`: the user the login screen (or the start's GET /me) already knows; no second /me. */
export function App({ initialMe }: { initialMe?: Me }) {
  const [queryClient] = useState(() => {
    const qc = createQueryClient();
    if (initialMe) qc.setQueryData(meKey, initialMe);
    return qc;
  });
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleConfig>
        <AntApp>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </AntApp>
      </LocaleConfig>
    </QueryClientProvider>
  );
}
