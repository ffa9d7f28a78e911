import { Bonjour } from 'bonjour-service'
import { PLINTH_VERSION } from '../../shared/version'
import { MDNS_TYPE } from './wire'

/** A host found on the network by mDNS, as the join screen lists it. */
export interface FoundHost {
  /** The clinic's name as the host announces it. */
  name: string
  /** https://ADDRESS:PORT, IPv4 preferred. */
  url: string
  version: string
}

/**
 * Announces this host as _plinth._tcp on the local network (mDNS / Bonjour), so desks can
 * list it at first start. The announcement carries nothing secret: trust comes from the
 * pairing code and the fingerprint, never from mDNS. Returns a function that withdraws it.
 */
export function publishHost(port: number, clinicName: string): () => Promise<void> {
  const bonjour = new Bonjour()
  bonjour.publish({
    name: `Plinth: ${clinicName}`.slice(0, 63),
    type: MDNS_TYPE,
    port,
    txt: { clinic: clinicName.slice(0, 100), v: PLINTH_VERSION },
    disableIPv6: true,
  })
  return () =>
    new Promise<void>((done) => {
      bonjour.unpublishAll(() => bonjour.destroy(() => done()))
    })
}

/** Listens for hosts for `withinMs` (capped at 10 s) and lists each one found once. */
export function discoverHosts(withinMs = 2500): Promise<FoundHost[]> {
  const bonjour = new Bonjour()
  const found = new Map<string, FoundHost>()
  const browser = bonjour.find({ type: MDNS_TYPE }, (service) => {
    const address =
      service.addresses?.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ??
      service.referer?.address ??
      service.host
    const url = `https://${address}:${service.port}`
    const txt = (service.txt ?? {}) as Record<string, string>
    found.set(url, { name: txt['clinic'] ?? service.name, url, version: txt['v'] ?? '' })
  })
  return new Promise((done) => {
    setTimeout(
      () => {
        browser.stop()
        bonjour.destroy()
        done([...found.values()])
      },
      Math.min(Math.max(withinMs, 100), 10_000),
    )
  })
}
