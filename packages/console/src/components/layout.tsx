// The frame of every page: skip link, navigation, connection choice, language switch, the signed-in user.
import type { ReactNode } from 'react';
import { useConnectionChoice } from '../connection-choice';
import { type Language, useI18n } from '../i18n';
import { Link, useLocation } from '../router';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="inline-field">
      <span>{t('language')}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        <option value="fi">suomi</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

function ConnectionSwitch() {
  const { t } = useI18n();
  const { connections, connectionId, choose } = useConnectionChoice();
  if (connections.length === 0) return null;
  return (
    <label className="inline-field">
      <span>{t('connection')}</span>
      <select value={connectionId} onChange={(event) => choose(event.target.value)}>
        {connections.map((connection) => (
          <option key={connection.id} value={connection.id}>
            {connection.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Layout({
  userName,
  onSignOut,
  children,
}: {
  userName: string;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { path } = useLocation();
  const items = [
    { to: '/', label: t('navDashboard'), active: path === '/' },
    {
      to: '/connections',
      label: t('navConnections'),
      active: path.startsWith('/connections') && !path.includes('/transfers/'),
    },
    { to: '/transfers', label: t('navTransfers'), active: path === '/transfers' || path.includes('/transfers/') },
    {
      to: '/purchase-invoices',
      label: t('navPurchaseInvoices'),
      active: path === '/purchase-invoices',
    },
    { to: '/bills', label: t('navBills'), active: path === '/bills' },
    { to: '/linking', label: t('navLinking'), active: path === '/linking' },
    { to: '/registers', label: t('navRegisters'), active: path === '/registers' },
  ];
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('appName')}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={item.active ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="top-bar-tools">
          <ConnectionSwitch />
          <LanguageSwitch />
          <span className="user">{t('signedInAs', { user: userName })}</span>
          <button type="button" onClick={onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
