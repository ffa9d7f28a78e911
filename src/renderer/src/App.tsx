import { useCallback, useEffect, useMemo, type ReactNode } from 'react'
import { setDisplayTimeZone } from './clinic-time'
import type { SignedInUser } from '../../shared/contract/auth'
import { api } from './api/client'
import { useApplyAuthStatus } from './api/auth'
import { useClinicSettings } from './api/settings'
import { useReportAccess } from './api/reports'
import { Icon, type IconName } from './components/Icon'
import { AccountScreen } from './features/account/AccountScreen'
import { AuditScreen } from './features/audit/AuditScreen'
import { AuthGate } from './features/auth/AuthGate'
import { BookingLauncher } from './features/diary/BookingLauncher'
import { DaySheetScreen } from './features/diary/DaySheetScreen'
import { DiaryScreen } from './features/diary/DiaryScreen'
import { IntegrityBanner } from './features/backups/IntegrityBanner'
import { RescueScreen } from './features/rescue/RescueScreen'
import { saveAllBeforeLock } from './features/auth/before-lock'
import { ClientsScreen } from './features/clients/ClientsScreen'
import { SearchPalette } from './features/clients/SearchPalette'
import { useLinkInfo } from './api/link'
import { JoinScreen } from './features/network/JoinScreen'
import { RecoveryUnlockScreen } from './features/encryption/RecoveryUnlockScreen'
import { HostLinkBanner } from './features/network/HostLinkBanner'
import { UnsignedNotesBanner } from './features/notes/UnsignedNotesBanner'
import { KeptNotesNotice } from './features/notes/KeptNotesNotice'
import { KeptDaySheetScreen, KEPT_SHEET_HASH } from './features/network/KeptDaySheetScreen'
import { KeepTodaysSheet } from './features/network/KeepTodaysSheet'
import { SettingsScreen } from './features/settings/SettingsScreen'
import { MoneyScreen } from './features/money/MoneyScreen'
import { ReportsScreen } from './features/reports/ReportsScreen'
import { MessagesScreen } from './features/messages/MessagesScreen'
import { MessagesWaitingBanner } from './features/messages/MessagesWaitingBanner'
import { RecoveryKeyBanner } from './features/encryption/RecoveryKeyBanner'
import { sideBarFor } from './features/shell/routes'
import { useSaveShortcut } from './features/shell/use-save-shortcut'
import { UnsavedChangesDialog } from './features/shell/UnsavedChangesDialog'
import { UserMenu } from './features/shell/UserMenu'
import { useRoute } from './features/shell/use-route'
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary'

const NAV_ICONS: Record<string, IconName> = {
  diary: 'diary',
  clients: 'clients',
  reports: 'reports',
  money: 'money',
  messages: 'message',
  audit: 'audit',
  settings: 'settings',
}

export function App() {
  return (
    <>
      <HostLinkBanner />
      <ChosenClinic>
        <AuthGate>{(user) => <Shell user={user} />}</AuthGate>
      </ChosenClinic>
    </>
  )
}

/** First start: nothing else renders until this computer hosts a clinic or joins one. */
function ChosenClinic({ children }: { children: ReactNode }) {
  const info = useLinkInfo()
  if (info.isPending) return <p className="muted boot">Starting Plinth…</p>
  if (info.data?.mode === 'choosing') return <JoinScreen />
  if (info.data?.mode === 'recovery') return <RecoveryUnlockScreen />
  if (info.data?.mode === 'rescue') return <RescueScreen />
  return <>{children}</>
}

function Shell({ user }: { user: SignedInUser }) {
  const [route, go] = useRoute(user.role)
  const settings = useClinicSettings()
  // Set during render, not in an effect: the screens below render on the clinic's clock first time.
  if (settings.data) setDisplayTimeZone(settings.data.timeZone)
  const apply = useApplyAuthStatus()
  useSaveShortcut()
  // A therapist's Reports entry shows only once the owner shares their own figures.
  const reportAccess = useReportAccess(user.role === 'therapist')
  const reportsShared = user.role !== 'therapist' || reportAccess.data?.allowed === true
  const screens = useMemo(() => sideBarFor(user.role, reportsShared), [user.role, reportsShared])
  const link = useLinkInfo()

  const lock = useCallback(async () => {
    await saveAllBeforeLock()
    apply(await api.call('auth.lock', { reason: 'manual' }))
  }, [apply])
  const signOut = useCallback(async () => apply(await api.call('auth.signOut', {})), [apply])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault()
        void lock()
        return
      }
      if (!event.altKey || event.ctrlKey || event.metaKey) return
      const target = screens.find((s) => s.shortcut === event.key)
      if (target) {
        event.preventDefault()
        go(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go, lock, screens])

  const label = screens.find((s) => s.id === route.screen)?.label ?? 'My account'
  useEffect(() => {
    document.title = `${label} · Plinth`
  }, [label])

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <div className="brand-text">
            <span className="brand-name">Plinth</span>
            <span className="brand-clinic" data-testid="clinic-name">
              {settings.data?.clinicName ?? '\u00a0'}
            </span>
          </div>
        </div>
        <nav aria-label="Main">
          <ul className="nav-list">
            {screens.map((s) => (
              <li key={s.id}>
                <a
                  href={`#/${s.id}`}
                  className="nav-item"
                  aria-current={s.id === route.screen ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${s.shortcut}`}
                  title={`${s.label} (Alt+${s.shortcut})`}
                >
                  <Icon name={NAV_ICONS[s.id] ?? 'settings'} />
                  <span>{s.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          <UserMenu user={user} onLock={() => void lock()} onSignOut={() => void signOut()} />
          <p className="sidebar-note">
            {link.data?.mode === 'desk'
              ? `Joined to ${link.data.clinicName ?? 'the clinic'}’s host`
              : 'Data stays on this computer'}
          </p>
        </div>
      </aside>
      <main className={route.screen === 'diary' ? 'content content-wide' : 'content'} id="main">
        <UnsavedChangesDialog />
        <IntegrityBanner canRestore={user.role === 'owner'} />
        <MessagesWaitingBanner />
        <RecoveryKeyBanner isOwner={user.role === 'owner'} />
        {link.data?.mode === 'desk' && (
          <>
            <KeptNotesNotice user={user} />
            <KeepTodaysSheet />
          </>
        )}
        <ScreenErrorBoundary resetKey={window.location.hash}>
          {route.screen === 'settings' && <SettingsScreen section={route.section} />}
          {route.screen === 'audit' && <AuditScreen />}
          {route.screen === 'account' && <AccountScreen user={user} />}
          {route.screen === 'clients' && <ClientsScreen />}
          {route.screen === 'money' && <MoneyScreen />}
          {route.screen === 'messages' && (
            <MessagesScreen section={route.section} role={user.role} />
          )}
          {route.screen === 'diary' && route.section !== 'sheet' && <UnsignedNotesBanner />}
          {route.screen === 'diary' && route.section !== 'sheet' && <DiaryScreen />}
          {route.screen === 'diary' &&
            route.section === 'sheet' &&
            (window.location.hash === KEPT_SHEET_HASH ? (
              <KeptDaySheetScreen />
            ) : (
              <DaySheetScreen />
            ))}
          {route.screen === 'reports' && <ReportsScreen role={user.role} />}
        </ScreenErrorBoundary>
      </main>
      <SearchPalette />
      <BookingLauncher onBooked={() => go('diary')} />
    </div>
  )
}
