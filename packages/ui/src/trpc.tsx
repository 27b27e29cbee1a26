/**
 * The tRPC client of both apps. Only the `AppRouter` type crosses over from the API package; the
 * server's code never reaches the browser bundle.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AppRouter } from '@thads/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
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

/** React Query and the tRPC client, created once per mounted app. */
export function ApiProvider({ url = '/trpc', children }: ApiProviderProps) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1 } } }),
  );
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
