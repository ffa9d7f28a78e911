import { useId } from 'react'
import type { ImportReport } from '../../../../shared/contract/imports'

const KIND_LABELS = { error: 'Skipped', duplicate: 'Possible duplicate', warning: 'Check' } as const

/** The per-row report: counts, then each row with a problem and why. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const n = (v: number) => v.toLocaleString('en-GB')
  const titleId = useId() // the clients and the appointments import can both show a report
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>Report</h3>
      <p role="status">
        {n(report.total)} rows: {n(report.ready)} ready to import, {n(report.duplicates)} possible
        duplicates, {n(report.errors)} skipped with errors, {n(report.warnings)} to check.
      </p>
      {report.problems.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="group" aria-label="Rows with problems">
          <table className="table">
            <caption className="visually-hidden">Rows with problems</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Name</th>
                <th scope="col">Outcome</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p) => (
                <tr key={p.line}>
                  <td className="num">{p.line}</td>
                  <td>
                    {/* Two lines at most: a 300-character name must not push "Why" aside. */}
                    <span className="cell-clip" title={p.name}>
                      {p.name}
                    </span>
                  </td>
                  <td>
                    <span className={`pill import-${p.kind}`}>{KIND_LABELS[p.kind]}</span>
                  </td>
                  <td>{p.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
