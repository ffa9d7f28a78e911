import { useState } from 'react'
import { measureAnswers, MEASURE_LABELS } from '../../../../shared/contract/measures'
import { useRecordMeasure } from '../../api/measures'
import { errorWords } from '../../components/rpc-form-errors'
import { fieldErrorsOf } from '../../components/field-errors-of'
import type { VisitContext } from './MeasuresPanel'

/**
 * Checks a measure against the contract's own schema (errors beside the fields, keyed by
 * path), then records it for the visit. What was typed stays on screen if saving fails.
 */
export function useMeasureSave(visit: VisitContext, onSaved: (words: string) => void) {
  const record = useRecordMeasure(visit.clientId)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const save = async (measure: unknown, words?: (score: number | null) => string) => {
    const parsed = measureAnswers.safeParse(measure)
    setErrors(fieldErrorsOf(parsed))
    setFailure(null)
    if (!parsed.success) return false
    try {
      const entry = await record.mutateAsync({
        clientId: visit.clientId,
        appointmentId: visit.appointmentId,
        takenAt: visit.takenAt,
        measure: parsed.data,
      })
      onSaved(
        words ? words(entry.score) : `${MEASURE_LABELS[parsed.data.kind]} saved for this visit.`,
      )
      return true
    } catch (e) {
      setFailure(errorWords(e))
      return false
    }
  }
  return { save, errors, failure, pending: record.isPending }
}
