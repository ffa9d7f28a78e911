import { useEffect, useState } from 'react'
import { base64Of } from '../../api/file-base64'
import { formatInstant } from '../../clinic-time'
import { useQueryClient } from '@tanstack/react-query'
import { useForm } from 'react-hook-form'
import {
  IMPORT_MAX_CHARS,
  importTargetsOf,
  type ImportBatch,
  type ImportKind,
  type ImportJob,
  type ImportMapping,
} from '../../../../shared/contract/imports'
import type { OutputOf } from '../../../../shared/contract'
import {
  refreshAfterImport,
  useCheckImport,
  useImportBatches,
  useImportJob,
  useOpenImport,
  useRunImport,
  useUndoImport,
} from '../../api/imports'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { errorWords, useFormError } from '../../components/rpc-form-errors'
import { ImportGuide } from './ImportGuide'
import { ImportReportView } from './ImportReportView'
import { JobProgress } from './JobProgress'

type Opened = OutputOf<'imports.open'>

const PRESET_LABELS: Record<Opened['preset'], string> = {
  cliniko: 'a Cliniko patients export',
  plinth: "Plinth's import template",
  custom: 'a spreadsheet of your own',
}

/** What each kind of import says about itself. */
const KIND_TEXT: Record<ImportKind, { title: string; fileLabel: string; intro: string }> = {
  clients: {
    title: 'Import clients',
    fileLabel: 'CSV file of clients',
    intro:
      "From a Cliniko patients export, Plinth's template or a spreadsheet of your own. Nothing is saved until you press Import.",
  },
  appointments: {
    title: 'Import appointments',
    fileLabel: 'CSV file of appointments',
    intro:
      'Client, therapist, service, start, length and status, one appointment a row. Import the clients first. Nothing is saved until you press Import.',
  },
}

/**
 * Settings → Import & export: choose a CSV, match its columns, check every row, then import
 * the good ones in one go (and undo the whole import if it was the wrong file).
 */
export function ImportSection({ kind = 'clients' }: { kind?: ImportKind }) {
  const text = KIND_TEXT[kind]
  const [opened, setOpened] = useState<Opened | null>(null)
  const [error, setError] = useState<string | null>(null)
  const open = useOpenImport()

  async function choose(file: File | undefined) {
    setError(null)
    setOpened(null)
    if (!file) return
    if (file.size > IMPORT_MAX_CHARS) {
      setError('That file is over 50 MB. Split it into smaller files and import each one.')
      return
    }
    try {
      setOpened(await open.mutateAsync({ kind, fileName: file.name, base64: await base64Of(file) }))
    } catch (e) {
      setError(errorWords(e))
    }
  }

  return (
    <section className="card section" aria-labelledby={`import-${kind}-title`}>
      <div className="card-head">
        <h2 id={`import-${kind}-title`}>{text.title}</h2>
      </div>
      <p className="muted">{text.intro}</p>
      <ImportGuide kind={kind} />
      <div className="field">
        <label htmlFor={`import-${kind}-file`}>{text.fileLabel}</label>
        <input
          id={`import-${kind}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {open.isPending && <p className="muted">Reading the file…</p>}
      <ErrorBanner message={error} />
      {opened && (
        <MappingStep
          key={opened.importId}
          opened={opened}
          presetLabel={PRESET_LABELS[opened.preset]}
        />
      )}
      <PastImports kind={kind} />
    </section>
  )
}

function MappingStep({ opened, presetLabel }: { opened: Opened; presetLabel: string }) {
  const targets = importTargetsOf(opened.kind)
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors },
  } = useForm<ImportMapping>({
    defaultValues: Object.fromEntries(targets.map((t) => [t.key, opened.mapping[t.key] ?? ''])),
  })
  // Main names a missing column by its place in the request ("mapping.therapist"): the
  // shared placement unwraps that to the "therapist" field.
  const { formError, attempt } = useFormError({ setError, control })
  const check = useCheckImport()
  const [checkJobId, setCheckJobId] = useState<string | null>(null)
  const checkJob = useImportJob(checkJobId)

  const onSubmit = handleSubmit((mapping) =>
    attempt(async () => {
      const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v))
      const job = await check.mutateAsync({ importId: opened.importId, mapping: clean })
      setCheckJobId(job.id)
    }),
  )

  return (
    <>
      <h3>Match the columns</h3>
      <p className="muted">
        {opened.fileName}: {opened.rowCount.toLocaleString('en-GB')} rows, read as {presetLabel}.
        {opened.encoding !== 'UTF-8' && ` Text encoding: ${opened.encoding}.`}
      </p>
      <form className="import-mapping" onSubmit={(e) => void onSubmit(e)} noValidate>
        <ErrorBanner message={formError} />
        <div className="mapping-grid">
          {targets.map((t) => (
            <Field key={t.key} label={t.label} error={errors[t.key]?.message}>
              <select {...register(t.key)}>
                <option value="">— not imported —</option>
                {opened.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </div>
        <h3>Preview</h3>
        <div className="table-wrap" tabIndex={0} role="group" aria-label="Preview of the file">
          <table className="table preview-table">
            <caption className="visually-hidden">The first rows of the file</caption>
            <thead>
              <tr>
                {opened.headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {opened.preview.map((row, i) => (
                <tr key={i}>
                  {opened.headers.map((h, j) => (
                    <td key={h}>{row[j] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button primary"
            disabled={check.isPending || checkJob.data?.state === 'running'}
          >
            Check rows
          </button>
        </div>
      </form>
      {checkJob.data && (
        <CheckResult
          key={checkJob.data.id}
          job={checkJob.data}
          importId={opened.importId}
          kind={opened.kind}
        />
      )}
    </>
  )
}

function CheckResult({
  job,
  importId,
  kind,
}: {
  job: ImportJob
  importId: string
  kind: ImportKind
}) {
  const [includeDuplicates, setIncludeDuplicates] = useState(false)
  const run = useRunImport()
  const [runJobId, setRunJobId] = useState<string | null>(null)
  const runJob = useImportJob(runJobId)
  const [error, setError] = useState<string | null>(null)
  const queryClient = useQueryClient()
  const imported = runJob.data?.state === 'done'
  useEffect(() => {
    if (!imported) return
    refreshAfterImport(queryClient)
  }, [imported, queryClient])

  if (job.state === 'running') return <JobProgress job={job} label="Checking progress" />
  if (job.state === 'failed') return <ErrorBanner message={job.message} />
  const report = job.report!
  const count = report.ready + (includeDuplicates ? report.duplicates : 0)

  async function start() {
    setError(null)
    try {
      setRunJobId((await run.mutateAsync({ importId, includeDuplicates })).id)
    } catch (e) {
      setError(errorWords(e))
    }
  }

  return (
    <>
      <ImportReportView report={report} />
      {!runJobId && (
        <div className="form-actions">
          {report.duplicates > 0 && (
            <label className="checkbox-inline">
              <input
                type="checkbox"
                checked={includeDuplicates}
                onChange={(e) => setIncludeDuplicates(e.target.checked)}
              />{' '}
              Also import the {report.duplicates} possible duplicates
            </label>
          )}
          <button
            type="button"
            className="button primary"
            disabled={count === 0 || run.isPending}
            onClick={() => void start()}
          >
            Import {count.toLocaleString('en-GB')} {count === 1 ? kind.replace(/s$/, '') : kind}
          </button>
        </div>
      )}
      <ErrorBanner message={error} />
      {runJob.data?.state === 'running' && (
        <JobProgress job={runJob.data} label="Import progress" />
      )}
      {runJob.data?.state === 'failed' && <ErrorBanner message={runJob.data.message} />}
      {runJob.data?.state === 'done' && <DoneNote message={runJob.data.message} />}
    </>
  )
}

function PastImports({ kind }: { kind: ImportKind }) {
  const batches = useImportBatches()
  const undo = useUndoImport()
  const [error, setError] = useState<string | null>(null)
  const [asking, setAsking] = useState<ImportBatch | null>(null)
  const list = (batches.data ?? []).filter((b) => b.kind === kind)
  if (list.length === 0) return null

  async function undoBatch(batch: ImportBatch) {
    setError(null)
    try {
      await undo.mutateAsync(batch.id)
    } catch (e) {
      setError(errorWords(e))
    } finally {
      setAsking(null)
    }
  }

  return (
    <>
      <h3>Past {kind === 'clients' ? 'client' : 'appointment'} imports</h3>
      <ErrorBanner message={error} />
      <ul className="import-batches">
        {list.map((b) => (
          <li key={b.id}>
            {formatInstant(b.at, 'd MMM yyyy, HH:mm')} · {b.fileName} · {b.created} created,{' '}
            {b.skipped} skipped{' '}
            {b.undoneAt ? (
              <span className="muted">(undone)</span>
            ) : (
              <button type="button" className="button secondary small" onClick={() => setAsking(b)}>
                Undo import
              </button>
            )}
          </li>
        ))}
      </ul>
      {asking && (
        <ConfirmDialog
          title="Undo this import?"
          confirmLabel={`Remove ${asking.created.toLocaleString('en-GB')} ${kind}`}
          danger
          busy={undo.isPending}
          onConfirm={() => void undoBatch(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>
            This removes the {asking.created.toLocaleString('en-GB')} {kind} imported from{' '}
            <strong>{asking.fileName}</strong> on {formatInstant(asking.at, 'd MMM yyyy, HH:mm')}.
          </p>
          <p className="muted">
            {kind === 'clients'
              ? 'Plinth refuses if any of them has had alerts, a questionnaire, appointments or notes added since, so no work done after the import is lost.'
              : 'Plinth refuses if any of them has been changed in the diary or has a note since, so no work done after the import is lost.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  )
}
