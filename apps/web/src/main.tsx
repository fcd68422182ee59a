import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { queryClient } from './query';
import { router } from './routes';
// The features' styles come before styles.css, which wins where both set a rule (e.g. @page).
import './pages/accounts/accounts.css';
import './pages/consent/consent.css';
import './pages/literacy/literacy.css';
import './pages/privacy/privacyOffice.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
