import { useState } from 'react'
import {
  VAT_RATE_LABELS,
  VAT_RATES,
  type MoneySettings,
} from '../../../../shared/contract/money-values'
import { parsePounds, poundsText } from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import {
  useMoneySettings,
  useServiceVatRates,
  useSetServiceVatRate,
  useUpdateMoneySettings,
} from '../../api/money'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { PaymentMethodsCard } from './PaymentMethodsCard'
import { PackageTypesCard } from './PackageTypesCard'
import { ProductsCard } from './ProductsCard'
import { PractitionersCard } from './PractitionersCard'

/**
 * Settings → Money: invoice numbering, VAT, payment methods, products, packages and each
 * service's VAT rate.
 */
export function MoneySettingsSection() {
  const settings = useMoneySettings()
  return (
    <div className="stack">
      {settings.data && <NumberingAndVat saved={settings.data} />}
      {settings.data?.vatRegistered && <ServiceVatCard />}
      <PaymentMethodsCard />
      <PractitionersCard />
      <ProductsCard />
      <PackageTypesCard />
    </div>
  )
}

function NumberingAndVat({ saved }: { saved: MoneySettings }) {
  const update = useUpdateMoneySettings()
  const [v, setV] = useState(saved)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const err = (k: string) => errors[k]

  async function submit() {
    setMessage(null)
    setDone(null)
    try {
      await update.mutateAsync({
        invoicePrefix: v.invoicePrefix,
        creditNotePrefix: v.creditNotePrefix,
        numberDigits: v.numberDigits,
        firstInvoiceNumber: v.firstInvoiceNumber,
        vatRegistered: v.vatRegistered,
        vatNumber: v.vatNumber,
        voucherMonths: v.voucherMonths,
        noShowFee: v.noShowFee,
        lateCancelFee: v.lateCancelFee,
      })
      setErrors({})
      setDone('Saved')
    } catch (e) {
      if (e instanceof RpcError)
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
      setMessage(e instanceof Error ? e.message : 'That did not work.')
    }
  }

  const text = (
    key: 'invoicePrefix' | 'creditNotePrefix' | 'vatNumber',
    label: string,
    hint?: string,
  ) => (
    <div className={err(key) ? 'field has-error' : 'field'}>
      <label htmlFor={`money-${key}`}>{label}</label>
      <input
        id={`money-${key}`}
        value={v[key]}
        onChange={(e) => setV({ ...v, [key]: e.target.value })}
      />
      {hint && <p className="field-hint">{hint}</p>}
      {err(key) && (
        <p className="field-error" role="alert">
          {err(key)}
        </p>
      )}
    </div>
  )
  const num = (
    key: 'numberDigits' | 'firstInvoiceNumber' | 'voucherMonths',
    label: string,
    hint?: string,
  ) => (
    <div className={err(key) ? 'field has-error' : 'field'}>
      <label htmlFor={`money-${key}`}>{label}</label>
      <input
        id={`money-${key}`}
        inputMode="numeric"
        value={String(v[key])}
        onChange={(e) => setV({ ...v, [key]: Number.parseInt(e.target.value, 10) || 0 })}
      />
      {hint && <p className="field-hint">{hint}</p>}
      {err(key) && (
        <p className="field-error" role="alert">
          {err(key)}
        </p>
      )}
    </div>
  )

  return (
    <form
      className="card stack"
      aria-label="Invoices and VAT"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2 className="card-title">Invoices and VAT</h2>
      <ErrorBanner message={message} />
      <div className="two-cards">
        {text('invoicePrefix', 'Invoice prefix', 'INV- gives INV-000123')}
        {text('creditNotePrefix', 'Credit note prefix')}
        {num('numberDigits', 'Digits in a number')}
        {num(
          'firstInvoiceNumber',
          'First invoice number',
          'Used until the first invoice is issued',
        )}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={v.vatRegistered}
          onChange={(e) => setV({ ...v, vatRegistered: e.target.checked })}
        />
        The clinic is VAT registered
      </label>
      {v.vatRegistered && text('vatNumber', 'VAT number', 'Shown on every invoice')}
      {num('voucherMonths', 'Gift vouchers valid for (months)')}
      <div className="two-cards">
        <FeeFields
          label="Did-not-attend fee"
          id="noShowFee"
          rule={v.noShowFee}
          error={err('noShowFee.value')}
          onChange={(noShowFee) => setV({ ...v, noShowFee })}
        />
        <FeeFields
          label="Late cancellation fee"
          id="lateCancelFee"
          rule={v.lateCancelFee}
          error={err('lateCancelFee.value')}
          onChange={(lateCancelFee) => setV({ ...v, lateCancelFee })}
        />
      </div>
      <div className="form-actions">
        <DoneNote message={done} />
        <button type="submit" className="button primary" disabled={update.isPending}>
          Save
        </button>
      </div>
    </form>
  )
}

function ServiceVatCard() {
  const rates = useServiceVatRates()
  const set = useSetServiceVatRate()
  return (
    <section className="card stack">
      <h2 className="card-title">VAT rate of each service</h2>
      <p className="muted">
        Sports massage is standard-rated once you are registered; exempt only when the practitioner
        is on a statutory register (e.g. HCPC physiotherapists).
      </p>
      {(rates.data ?? []).map((r) => (
        <div className="field" key={r.serviceId}>
          <label htmlFor={`svc-vat-${r.serviceId}`}>{r.name}</label>
          <select
            id={`svc-vat-${r.serviceId}`}
            value={r.vatRate}
            onChange={(e) =>
              void set.mutateAsync({
                serviceId: r.serviceId,
                vatRate: e.target.value as (typeof VAT_RATES)[number],
              })
            }
          >
            {VAT_RATES.map((rate) => (
              <option key={rate} value={rate}>
                {VAT_RATE_LABELS[rate]}
              </option>
            ))}
          </select>
        </div>
      ))}
    </section>
  )
}

type FeeRule = MoneySettings['noShowFee']

/** A fee as a fixed amount in pounds or a percentage of the service price. */
function FeeFields({
  label,
  id,
  rule,
  error,
  onChange,
}: {
  label: string
  id: string
  rule: FeeRule
  error: string | undefined
  onChange(rule: FeeRule): void
}) {
  const [typed, setTyped] = useState(
    rule.kind === 'fixed' ? poundsText(rule.value) : String(rule.value),
  )
  return (
    <fieldset className="fieldset">
      <legend>{label}</legend>
      <select
        aria-label={`${label}: how it is worked out`}
        value={rule.kind}
        onChange={(e) => {
          const kind = e.target.value as FeeRule['kind']
          setTyped('')
          onChange({ kind, value: 0 })
        }}
      >
        <option value="none">No fee</option>
        <option value="fixed">A fixed amount</option>
        <option value="percent">A percentage of the price</option>
      </select>
      {rule.kind !== 'none' && (
        <div className={error ? 'field has-error' : 'field'}>
          <label htmlFor={`fee-${id}`}>{rule.kind === 'fixed' ? 'Amount (£)' : 'Percent'}</label>
          <input
            id={`fee-${id}`}
            inputMode="decimal"
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value)
              const value =
                rule.kind === 'fixed'
                  ? (parsePounds(e.target.value) ?? 0)
                  : Number.parseInt(e.target.value, 10) || 0
              onChange({ kind: rule.kind, value })
            }}
          />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </fieldset>
  )
}
