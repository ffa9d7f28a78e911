import type { Service } from '../../../../shared/contract/diary-setup'
import type { Product } from '../../../../shared/contract/money'
import { poundsText } from '../../../../shared/money/pounds'

export interface LineDraft {
  kind: 'service' | 'product' | 'text'
  serviceId: number
  productId: number
  description: string
  quantity: string
  /** Unit price as typed, in pounds. */
  unit: string
}

/** The lines of a hand-made invoice: a service from the list (its price filled in) or free text. */
export function InvoiceLinesEditor({
  lines,
  services,
  products,
  errors,
  onChange,
  onAdd,
}: {
  lines: LineDraft[]
  services: Service[]
  products: Product[]
  errors: Record<string, string>
  onChange(lines: LineDraft[]): void
  onAdd(): void
}) {
  const set = (i: number, change: Partial<LineDraft>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...change } : l)))
  return (
    <fieldset className="fieldset invoice-lines">
      <legend>Lines</legend>
      {lines.map((l, i) => {
        const n = i + 1
        const err = (f: string) => errors[`lines.${i}.${f}`]
        return (
          <div className="invoice-line" key={i}>
            <div className="field">
              <label htmlFor={`line-what-${i}`}>Line {n}</label>
              <select
                id={`line-what-${i}`}
                value={
                  l.kind === 'service'
                    ? `s:${l.serviceId}`
                    : l.kind === 'product'
                      ? `p:${l.productId}`
                      : 'text'
                }
                onChange={(e) => {
                  const v = e.target.value
                  const s = services.find((x) => `s:${x.id}` === v)
                  const p = products.find((x) => `p:${x.id}` === v)
                  const priced = s ?? p
                  if (priced) {
                    set(i, {
                      kind: s ? 'service' : 'product',
                      serviceId: s?.id ?? 0,
                      productId: p?.id ?? 0,
                      description: priced.name,
                      unit: poundsText(priced.pricePence),
                    })
                  } else set(i, { kind: 'text', serviceId: 0, productId: 0 })
                }}
              >
                <option value="text">Free text</option>
                <optgroup label="Services">
                  {services.map((x) => (
                    <option key={x.id} value={`s:${x.id}`}>
                      {x.name}
                    </option>
                  ))}
                </optgroup>
                {products.length > 0 && (
                  <optgroup label="Products">
                    {products.map((x) => (
                      <option key={x.id} value={`p:${x.id}`}>
                        {x.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </div>
            <div className={err('description') ? 'field has-error' : 'field grow'}>
              <label htmlFor={`line-desc-${i}`}>Description {n}</label>
              <input
                id={`line-desc-${i}`}
                value={l.description}
                maxLength={200}
                onChange={(e) => set(i, { description: e.target.value })}
              />
              {err('description') && (
                <p className="field-error" role="alert">
                  {err('description')}
                </p>
              )}
            </div>
            <div className={err('quantity') ? 'field has-error' : 'field'}>
              <label htmlFor={`line-qty-${i}`}>Quantity {n}</label>
              <input
                id={`line-qty-${i}`}
                inputMode="numeric"
                size={4}
                value={l.quantity}
                onChange={(e) => set(i, { quantity: e.target.value })}
              />
              {err('quantity') && (
                <p className="field-error" role="alert">
                  {err('quantity')}
                </p>
              )}
            </div>
            <div className={err('unitPence') ? 'field has-error' : 'field'}>
              <label htmlFor={`line-unit-${i}`}>Unit price {n} (£)</label>
              <input
                id={`line-unit-${i}`}
                inputMode="decimal"
                size={8}
                value={l.unit}
                onChange={(e) => set(i, { unit: e.target.value })}
              />
              {err('unitPence') && (
                <p className="field-error" role="alert">
                  {err('unitPence')}
                </p>
              )}
            </div>
            {lines.length > 1 && (
              <button
                type="button"
                className="button link"
                aria-label={`Remove line ${n}`}
                onClick={() => onChange(lines.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            )}
          </div>
        )
      })}
      <button type="button" className="button secondary" onClick={onAdd}>
        Add a line
      </button>
    </fieldset>
  )
}
