import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../platform/api/client';

/** Retries only what may succeed on retry: network trouble and 5xx, never 4xx answers. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
