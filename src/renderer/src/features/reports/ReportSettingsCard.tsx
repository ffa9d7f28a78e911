import { useState } from 'react'
import { useTherapists, useServices } from '../../api/diary'
import { useReportSettings, useSaveCommissionRates, useSaveReportSettings } from '../../api/reports'
import { errorWords } from '../../components/rpc-form-errors'
import {
  VAT_STAGGERS,
  VAT_STAGGER_LABELS,
  type VatStagger,
} from '../../../../shared/reports/vat-quarters'

/**
 * The owner's report settings: rebook window, recall weeks, commission basis, the VAT
 * quarters (HMRC stagger), whether therapists see their own figures, and each therapist's
 * commission rate (own, per service).
 */
export function ReportSettingsCard() {
  const settings = useReportSettings()
  const therapists = useTherapists()
  const services = useServices()
  const save = useSaveReportSettings()
  const saveRates = useSaveCommissionRates()
  const [message, setMessage] = useState<string | null>(null)
  if (!settings.data) return <p className="muted">Loading…</p>
  const s = settings.data.settings
  const rates = settings.data.rates

  const change = async (patch: Partial<typeof s>) => {
    setMessage(null)
    try {
      await save.mutateAsync({ ...s, ...patch })
      setMessage('Saved')
    } catch (e) {
      setMessage(errorWords(e))
    }
  }
  const setRate = async (therapistId: number, serviceId: number | null, text: string) => {
    setMessage(null)
    const others = rates
      .filter((r) => r.therapistId === therapistId && r.serviceId !== serviceId)
      .map((r) => ({ serviceId: r.serviceId, rateBp: r.rateBp }))
    const value = text.trim() === '' ? null : Math.round(Number(text) * 100)
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 10_000)) {
      setMessage('Enter a percentage from 0 to 100')
      return
    }
    try {
      await saveRates.mutateAsync({
        therapistId,
        rates: value === null ? others : [...others, { serviceId, rateBp: value }],
      })
      setMessage('Saved')
    } catch (e) {
      setMessage(errorWords(e))
    }
  }
  const rateText = (therapistId: number, serviceId: number | null) => {
    const r = rates.find((x) => x.therapistId === therapistId && x.serviceId === serviceId)
    return r ? String(r.rateBp / 100) : ''
  }

  return (
    <details className="card report-settings no-print">
      <summary>Report settings and commission rates</summary>
      <div className="settings-grid">
        <label>
          Rebook window (days)
          <input
            type="number"
            min={0}
            max={365}
            defaultValue={s.rebookWindowDays}
            onBlur={(e) => void change({ rebookWindowDays: Number(e.target.value) })}
          />
        </label>
        <label>
          Recall after (weeks)
          <input
            type="number"
            min={1}
            max={520}
            defaultValue={s.recallWeeks}
            onBlur={(e) => void change({ recallWeeks: Number(e.target.value) })}
          />
        </label>
        <label>
          Commission on
          <select
            value={s.commissionBasis}
            onChange={(e) =>
              void change({ commissionBasis: e.target.value as 'received' | 'invoiced' })
            }
          >
            <option value="received">Money received</option>
            <option value="invoiced">Amounts invoiced</option>
          </select>
        </label>
        <label>
          VAT quarters end in
          <select
            value={s.vatStagger}
            onChange={(e) => void change({ vatStagger: Number(e.target.value) as VatStagger })}
          >
            {VAT_STAGGERS.map((v) => (
              <option key={v} value={v}>
                {VAT_STAGGER_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={s.therapistsSeeOwn}
            onChange={(e) => void change({ therapistsSeeOwn: e.target.checked })}
          />
          Therapists may see their own appointment figures and commission
        </label>
      </div>
      <table className="table">
        <caption>Commission rates (%): a service’s rate overrides the therapist’s own</caption>
        <thead>
          <tr>
            <th scope="col">Therapist</th>
            <th scope="col">All services</th>
            {services.data?.map((sv) => (
              <th scope="col" key={sv.id}>
                {sv.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {therapists.data?.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.name}</th>
              {[null, ...(services.data?.map((sv) => sv.id) ?? [])].map((serviceId) => (
                <td key={serviceId ?? 'all'}>
                  <input
                    className="rate-input"
                    inputMode="decimal"
                    aria-label={`${t.name}: ${serviceId === null ? 'all services' : services.data?.find((x) => x.id === serviceId)?.name} commission %`}
                    defaultValue={rateText(t.id, serviceId)}
                    onBlur={(e) => {
                      if (e.target.value !== rateText(t.id, serviceId)) {
                        void setRate(t.id, serviceId, e.target.value)
                      }
                    }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
    </details>
  )
}
