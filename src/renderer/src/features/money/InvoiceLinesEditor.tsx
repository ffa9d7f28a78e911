import type { Service } from '../../../../shared/contract/diary-setup'
import { poundsText } from '../../../../shared/money/pounds'

export interface LineDraft {
  kind: 'service' | 'text'
  serviceId: number
  description: string
  quantity: string
  /** Unit price as typed, in pounds. */
  unit: string
}

/** The lines of a hand-made invoice: a service from the list (its price filled in) or free text. */
export function InvoiceLinesEditor({
  lines,
  services,
  errors,
  onChange,
  onAdd,
}: {
  lines: LineDraft[]
  services: Service[]
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
                value={l.kind === 'service' ? String(l.serviceId) : 'text'}
                onChange={(e) => {
                  const s = services.find((x) => String(x.id) === e.target.value)
                  if (s) {
                    set(i, {
                      kind: 'service',
                      serviceId: s.id,
                      description: s.name,
                      unit: poundsText(s.pricePence),
                    })
                  } else set(i, { kind: 'text', serviceId: 0 })
                }}
              >
                <option value="text">Free text or product</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
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
