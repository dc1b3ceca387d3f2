// The console: sign-in until a session exists, then the layout with the page for the current path.
// Each page is its own chunk, loaded when first opened (React.lazy), so the first load carries React, the layout and
// the sign-in page only.
import { lazy, Suspense, useEffect, useState } from 'react';
import { api, type Session, setCsrfToken, whenSignedOut } from './api';
import { Loading } from './components/common';
import { Layout } from './components/layout';
import { ConnectionChoiceProvider } from './connection-choice';
import { SignInPage } from './pages/sign-in-page';
import { matchPath, useLocation } from './router';

const BillsPage = lazy(() => import('./pages/bills-page').then((page) => ({ default: page.BillsPage })));
const ConnectionPage = lazy(() => import('./pages/connection-page').then((page) => ({ default: page.ConnectionPage })));
const ConnectionWizardPage = lazy(() =>
  import('./pages/connection-wizard-page').then((page) => ({ default: page.ConnectionWizardPage })),
);
const ConnectionsPage = lazy(() =>
  import('./pages/connections-page').then((page) => ({ default: page.ConnectionsPage })),
);
const DashboardPage = lazy(() => import('./pages/dashboard-page').then((page) => ({ default: page.DashboardPage })));
const LinkingPage = lazy(() => import('./pages/linking-page').then((page) => ({ default: page.LinkingPage })));
const PurchaseInvoicesPage = lazy(() =>
  import('./pages/purchase-invoices-page').then((page) => ({ default: page.PurchaseInvoicesPage })),
);
const RegistersPage = lazy(() => import('./pages/registers-page').then((page) => ({ default: page.RegistersPage })));
const TransferPage = lazy(() => import('./pages/transfer-page').then((page) => ({ default: page.TransferPage })));
const TransfersPage = lazy(() => import('./pages/transfers-page').then((page) => ({ default: page.TransfersPage })));

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    whenSignedOut(() => {
      setCsrfToken(undefined);
      setSession(null);
    });
    api<Session>('GET', '/v1/session').then(
      (current) => {
        setCsrfToken(current.csrfToken);
        setSession(current);
      },
      () => setSession(null),
    );
  }, []);

  if (session === undefined) return <Loading />;
  if (session === null)
    return (
      <SignInPage
        onSignedIn={(signedIn) => {
          setCsrfToken(signedIn.csrfToken);
          setSession(signedIn);
        }}
      />
    );

  const signOut = async () => {
    await api('DELETE', '/v1/session').catch(() => undefined);
    setCsrfToken(undefined);
    setSession(null);
  };

  return (
    <ConnectionChoiceProvider>
      <Layout userName={session.userName} onSignOut={signOut}>
        <Suspense fallback={<Loading />}>
          <Routes />
        </Suspense>
      </Layout>
    </ConnectionChoiceProvider>
  );
}

function Routes() {
  const { path } = useLocation();
  if (path === '/connections') return <ConnectionsPage />;
  if (path === '/connections/new') return <ConnectionWizardPage />;
  if (path === '/transfers') return <TransfersPage />;
  if (path === '/linking') return <LinkingPage />;
  if (path === '/registers') return <RegistersPage />;
  if (path === '/purchase-invoices') return <PurchaseInvoicesPage />;
  if (path === '/bills') return <BillsPage />;
  const transfer = matchPath('/connections/:connectionId/transfers/:transferId', path);
  if (transfer) return <TransferPage connectionId={transfer.connectionId!} transferId={transfer.transferId!} />;
  const connection = matchPath('/connections/:connectionId', path);
  if (connection) return <ConnectionPage id={connection.connectionId!} />;
  return <DashboardPage />;
}
