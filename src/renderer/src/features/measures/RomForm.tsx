import { useState } from 'react'
import { ROM_TESTS, type RomTest } from '../../../../shared/measures/range-of-motion'
import { Field } from '../../components/Field'
import { typedNumber } from '../../components/field-errors-of'
import type { VisitContext } from './MeasuresPanel'
import { SaveRow } from './SaveRow'
import { useMeasureSave } from './use-measure-save'

const SIDED: RomTest[] = ['slr', 'kneeToWall', 'hipIr', 'hipEr', 'thomas']
type Pass = '' | 'pass' | 'fail'

/** Range of motion, left and right: only the tests filled in are recorded. */
export function RomForm({ visit, onSaved }: { visit: VisitContext; onSaved(words: string): void }) {
  const [values, setValues] = useState<Record<string, string>>({})
  const [pass, setPass] = useState<{ left: Pass; right: Pass }>({ left: '', right: '' })
  const { save, errors, failure, pending } = useMeasureSave(visit, onSaved)
  const v = (key: string) => values[key] ?? ''
  const input = (key: string, label: string, error?: string) => (
    <Field label={label} error={error}>
      <input
        type="text"
        inputMode="decimal"
        value={v(key)}
        onChange={(e) => setValues({ ...values, [key]: e.target.value })}
      />
    </Field>
  )
  return (
    <form
      className="measure-form"
      onSubmit={(e) => {
        e.preventDefault()
        const measure: Record<string, unknown> = { kind: 'rom' }
        for (const test of SIDED) {
          const left = typedNumber(v(`${test}.left`))
          const right = typedNumber(v(`${test}.right`))
          if (left !== null || right !== null) measure[test] = { left, right }
        }
        if (pass.left || pass.right) {
          measure['thomas'] = {
            ...((measure['thomas'] as object) ?? { left: null, right: null }),
            leftPass: pass.left ? pass.left === 'pass' : null,
            rightPass: pass.right ? pass.right === 'pass' : null,
          }
        }
        const reach = typedNumber(v('sitAndReach'))
        if (reach !== null) measure['sitAndReach'] = { value: reach }
        void save(measure, () => 'Range of motion saved for this visit.').then((ok) => {
          if (ok) setValues({})
        })
      }}
    >
      <table className="rom-table">
        <caption className="visually-hidden">Range of motion, left and right</caption>
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col">Left</th>
            <th scope="col">Right</th>
          </tr>
        </thead>
        <tbody>
          {SIDED.map((test) => {
            const t = ROM_TESTS[test]
            return (
              <tr key={test}>
                <th scope="row">
                  {t.label} ({t.unit === '°' ? 'degrees' : t.unit})
                </th>
                <td>{input(`${test}.left`, `${t.label} left`, errors[`${test}.left`])}</td>
                <td>{input(`${test}.right`, `${t.label} right`, errors[`${test}.right`])}</td>
              </tr>
            )
          })}
          <tr>
            <th scope="row">Thomas test result</th>
            {(['left', 'right'] as const).map((side) => (
              <td key={side}>
                <div className="field">
                  <label htmlFor={`thomas-${side}`}>Thomas test {side}</label>
                  <select
                    id={`thomas-${side}`}
                    value={pass[side]}
                    onChange={(e) => setPass({ ...pass, [side]: e.target.value as Pass })}
                  >
                    <option value="">Not tested</option>
                    <option value="pass">Pass</option>
                    <option value="fail">Fail</option>
                  </select>
                </div>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {input(
        'sitAndReach',
        'Sit-and-reach (cm, negative short of the toes)',
        errors['sitAndReach.value'],
      )}
      {errors['slr'] && <p className="field-error">{errors['slr']}</p>}
      <SaveRow label="Save range of motion" pending={pending} failure={failure} />
    </form>
  )
}
