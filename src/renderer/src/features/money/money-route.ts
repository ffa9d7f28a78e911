import { useEffect, useState } from 'react'

export type MoneyRoute =
  | { view: 'list'; status: 'all' | 'draft' | 'outstanding' }
  | { view: 'new' }
  | { view: 'cash-up' }
  | { view: 'vouchers' }
  | { view: 'invoice'; id: number }

/** "#/money", "#/money/drafts", "#/money/outstanding", "#/money/new", "#/money/invoices/42". */
export function moneyRouteFrom(hash: string): MoneyRoute {
  const [, sub, id] = hash.replace(/^#\/?/, '').split('/')
  if (sub === 'new') return { view: 'new' }
  if (sub === 'cash-up') return { view: 'cash-up' }
  if (sub === 'vouchers') return { view: 'vouchers' }
  if (sub === 'drafts') return { view: 'list', status: 'draft' }
  if (sub === 'outstanding') return { view: 'list', status: 'outstanding' }
  if (sub === 'invoices' && Number(id) > 0) return { view: 'invoice', id: Number(id) }
  return { view: 'list', status: 'all' }
}

export const invoiceHref = (id: number) => `#/money/invoices/${id}`

export function useMoneyRoute(): MoneyRoute {
  const [route, setRoute] = useState(() => moneyRouteFrom(window.location.hash))
  useEffect(() => {
    const onHash = () => setRoute(moneyRouteFrom(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return route
}
