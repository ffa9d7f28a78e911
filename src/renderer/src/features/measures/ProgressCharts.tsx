import type { ClientProgress } from '../../../../shared/contract/measures'
import { ChartFigure } from './ChartFigure'
import { lefsWords, psfsWords, romWords, visaAWords } from './progress-words'

const BLUE = '#1d4ed8'
const ORANGE = '#b45309'

/** Charts of every measure recorded for the client: PSFS per activity, LEFS, VISA-A, ROM. */
export function ProgressCharts({ progress }: { progress: ClientProgress }) {
  const { psfs, lefs, visaA, rom, load } = progress
  const nothing = psfs.length + lefs.length + visaA.length + rom.length + load.length === 0
  if (nothing) return <p className="muted">No measures recorded yet.</p>
  return (
    <div className="progress-charts">
      {psfs.map((line) => (
        <ChartFigure
          key={line.activity}
          title={`PSFS: ${line.activity}`}
          words={psfsWords(line)}
          rows={line.points}
          lines={[{ key: 'score', name: 'Score (0–10)', colour: BLUE }]}
          domain={[0, 10]}
          columns={[{ header: 'Score (0–10)', cell: (r) => r.score }]}
        />
      ))}
      {lefs.length > 0 && (
        <ChartFigure
          title="LEFS"
          words={lefsWords(lefs)}
          rows={lefs}
          lines={[{ key: 'score', name: 'LEFS (0–80)', colour: BLUE }]}
          domain={[0, 80]}
          columns={[{ header: 'LEFS (0–80)', cell: (r) => r.score }]}
        />
      )}
      {visaA.length > 0 && (
        <ChartFigure
          title="VISA-A"
          words={visaAWords(visaA)}
          rows={visaA}
          lines={[{ key: 'score', name: 'VISA-A (0–100)', colour: BLUE }]}
          domain={[0, 100]}
          columns={[{ header: 'VISA-A (0–100)', cell: (r) => r.score }]}
        />
      )}
      {rom.map((line) => (
        <ChartFigure
          key={line.test}
          title={line.label}
          words={romWords(line)}
          rows={line.points}
          lines={
            line.sided
              ? [
                  { key: 'left', name: `Left (${line.unit})`, colour: BLUE },
                  { key: 'right', name: `Right (${line.unit})`, colour: ORANGE, dashed: true },
                ]
              : [{ key: 'left', name: line.unit, colour: BLUE }]
          }
          domain={['auto', 'auto']}
          columns={
            line.sided
              ? [
                  { header: `Left (${line.unit})`, cell: (r) => r.left ?? '–' },
                  { header: `Right (${line.unit})`, cell: (r) => r.right ?? '–' },
                  {
                    header: 'Asymmetry',
                    cell: (r) => (r.asymmetry === null ? '–' : `${r.asymmetry}%`),
                  },
                  ...(line.test === 'thomas'
                    ? [
                        { header: 'Left result', cell: (r: Row) => passWords(r.leftPass) },
                        { header: 'Right result', cell: (r: Row) => passWords(r.rightPass) },
                      ]
                    : []),
                ]
              : [{ header: line.unit, cell: (r) => r.left ?? '–' }]
          }
        />
      ))}
      {load.length > 0 && <LoadTable load={load} />}
    </div>
  )
}

type Row = ClientProgress['rom'][number]['points'][number]
const passWords = (p: boolean | null | undefined) => (p == null ? '–' : p ? 'Pass' : 'Fail')

/** The week's load per visit, with the 10% longest-run flag where it was raised. */
function LoadTable({ load }: { load: ClientProgress['load'] }) {
  const flagged = load.filter((l) => l.flag)
  return (
    <figure className="progress-figure">
      <h3>Training load</h3>
      {flagged.length > 0 && (
        <p className="banner banner-warn" role="status">
          Longest run more than 10% over the longest of the 30 days before (Garmin-RUNSAFE, Frandsen
          et al. 2025):{' '}
          {flagged
            .map(
              (l) =>
                `${l.flag!.km} km on ${l.flag!.on} (+${l.flag!.increasePercent}% on ${l.flag!.baselineKm} km)`,
            )
            .join('; ')}
        </p>
      )}
      <table className="progress-table">
        <caption className="visually-hidden">Training load by visit</caption>
        <thead>
          <tr>
            <th scope="col">Visit</th>
            <th scope="col">Week’s load (RPE × min)</th>
            <th scope="col">Longest run</th>
            <th scope="col">Flag</th>
          </tr>
        </thead>
        <tbody>
          {load.slice(-8).map((l, i) => (
            <tr key={`${l.at}-${i}`}>
              <td>{l.at.slice(0, 10)}</td>
              <td>{l.load}</td>
              <td>{l.longestRunKm === null ? '–' : `${l.longestRunKm} km`}</td>
              <td>{l.flag ? `+${l.flag.increasePercent}%` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
