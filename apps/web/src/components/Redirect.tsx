import { Navigate } from 'react-router';

/** Replaces the current address with `to` (the page asked for is not this one's to show). */
export function Redirect({ to }: { to: string }) {
  return <Navigate to={to} replace />;
}
