// The console: sign-in until a session exists, then the layout with the page for the current path.
import { useEffect, useState } from 'react';
import { api, type Session, setCsrfToken, whenSignedOut } from './api';
import { Loading } from './components/common';
import { Layout } from './components/layout';
import { ConnectionChoiceProvider } from './connection-choice';
import { BillsPage } from './pages/bills-page';
import { ConnectionPage } from './pages/connection-page';
import { ConnectionWizardPage } from './pages/connection-wizard-page';
import { ConnectionsPage } from './pages/connections-page';
import { DashboardPage } from './pages/dashboard-page';
import { LinkingPage } from './pages/linking-page';
import { PurchaseInvoicesPage } from './pages/purchase-invoices-page';
import { RegistersPage } from './pages/registers-page';
import { SignInPage } from './pages/sign-in-page';
import { TransferPage } from './pages/transfer-page';
import { TransfersPage } from './pages/transfers-page';
import { matchPath, useLocation } from './router';

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
        <Routes />
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
