import { useState } from 'react'
import {
  VAT_RATE_LABELS,
  VAT_RATES,
  type VatRateName,
} from '../../../../shared/contract/money-values'
import { formatPence, parsePounds } from '../../../../shared/money/pounds'
import { useProducts, useSaveProduct } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorWords } from '../../components/rpc-form-errors'

/** Products sold at the desk, for invoice lines: name, price and VAT rate. */
export function ProductsCard() {
  const products = useProducts(true)
  const save = useSaveProduct()
  const [name, setName] = useState('')
  const [price, setPrice] = useState('')
  const [rate, setRate] = useState<VatRateName>('standard')
  const [error, setError] = useState<string | null>(null)

  async function add() {
    setError(null)
    const pence = parsePounds(price)
    if (pence === null) return setError('Enter the price, e.g. 15.00')
    try {
      await save.mutateAsync({ name, pricePence: pence, vatRate: rate })
      setName('')
      setPrice('')
    } catch (e) {
      setError(errorWords(e, 'That did not work.'))
    }
  }

  return (
    <section className="card stack" aria-labelledby="products-title">
      <h2 className="card-title" id="products-title">
        Products
      </h2>
      <ul className="plain-list">
        {(products.data ?? []).map((p) => (
          <li key={p.id}>
            {p.name} · {formatPence(p.pricePence)} · {VAT_RATE_LABELS[p.vatRate]}
            {!p.active && ' · not sold'}
          </li>
        ))}
      </ul>
      <ErrorBanner message={error} />
      <form
        className="payment-row"
        aria-label="Add a product"
        onSubmit={(e) => {
          e.preventDefault()
          void add()
        }}
      >
        <div className="field">
          <label htmlFor="product-name">Product</label>
          <input
            id="product-name"
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="product-price">Price (£)</label>
          <input
            id="product-price"
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="product-vat">VAT rate</label>
          <select
            id="product-vat"
            value={rate}
            onChange={(e) => setRate(e.target.value as VatRateName)}
          >
            {VAT_RATES.map((r) => (
              <option key={r} value={r}>
                {VAT_RATE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary">
          Add product
        </button>
      </form>
    </section>
  )
}
