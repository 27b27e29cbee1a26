/**
 * The tRPC client of both apps. Only the `AppRouter` type crosses over from the API package; the
 * server's code never reaches the browser bundle.
 */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AppRouter } from '@thads/api';
import { TRPCClientError, createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export interface ApiProviderProps {
  /** Where the API answers; the same origin's `/trpc` (proxied by Vite in development). */
  url?: string;
  children: ReactNode;
}

/** The tRPC error code of an error from the API, if it is one (UNAUTHORIZED, FORBIDDEN, …). */
export function apiErrorCode(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

const NOT_RETRIED = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND']);

/** React Query and the tRPC client, created once per mounted app. */
export function ApiProvider({ url = '/trpc', children }: ApiProviderProps) {
  const [queryClient] = useState(() => {
    const client: QueryClient = new QueryClient({
      // A session that ended (8 idle hours, logout elsewhere, deactivation) turns any call into
      // UNAUTHORIZED: ask again who is signed in, and the apps' gate shows the login form.
      queryCache: new QueryCache({
        onError: (error) => {
          // auth.me itself never answers UNAUTHORIZED, so this cannot loop.
          if (apiErrorCode(error) === 'UNAUTHORIZED') void client.invalidateQueries();
        },
      }),
      mutationCache: new MutationCache({
        onError: (error) => {
          if (apiErrorCode(error) === 'UNAUTHORIZED') void client.invalidateQueries();
        },
      }),
      defaultOptions: {
        queries: {
          staleTime: 60_000,
          retry: (failures, error) => failures < 1 && !NOT_RETRIED.has(apiErrorCode(error) ?? ''),
        },
      },
    });
    return client;
  });
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
