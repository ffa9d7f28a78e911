import { useEffect } from 'react'
import { useClinicSettings } from './api/settings'
import { Icon } from './components/Icon'
import { IntegrityBanner } from './features/backups/IntegrityBanner'
import { ComingScreen } from './features/placeholder/ComingScreen'
import { SettingsScreen } from './features/settings/SettingsScreen'
import { SCREENS, type ScreenId } from './features/shell/routes'
import { useScreen } from './features/shell/use-screen'

const COMING: Record<Exclude<ScreenId, 'settings'>, { title: string; body: string }> = {
  diary: {
    title: 'Diary',
    body: 'Therapists’ day and week views, phone booking with the next free slots, and the day sheet are coming here.',
  },
  clients: {
    title: 'Clients',
    body: 'Client records, medical alerts and instant lookup by name, phone, e-mail or postcode are coming here.',
  },
  reports: {
    title: 'Reports',
    body: 'Takings, utilisation and retention figures for the owner are coming here.',
  },
}

export function App() {
  const [screen, go] = useScreen()
  const settings = useClinicSettings()

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return
      const target = SCREENS.find((s) => s.shortcut === event.key)
      if (target) {
        event.preventDefault()
        go(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go])

  const current = SCREENS.find((s) => s.id === screen)!

  useEffect(() => {
    document.title = `${current.label} · Plinth`
  }, [current.label])

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
            {SCREENS.map((s) => (
              <li key={s.id}>
                <a
                  href={`#/${s.id}`}
                  className="nav-item"
                  aria-current={s.id === screen ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${s.shortcut}`}
                  title={`${s.label} (Alt+${s.shortcut})`}
                >
                  <Icon name={s.id} />
                  <span>{s.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">Data stays on this computer</div>
      </aside>
      <main className="content" id="main">
        <IntegrityBanner />
        {screen === 'settings' ? (
          <SettingsScreen />
        ) : (
          <ComingScreen title={COMING[screen].title} body={COMING[screen].body} />
        )}
      </main>
    </div>
  )
}
