import type { Page } from '@playwright/test'

/**
 * References that belong to the test's tools, not to Plinth, are not followed:
 * - Playwright's fake clock keeps an Error beside each pending timer (`_timers` of its
 *   ClockController, entry `.error`), and that Error's stack holds every function and
 *   receiver that was on the stack when the timer was set: seen holding an aborted query's
 *   previous state, and so a note's text, through its AbortSignal's reason. The timer's own
 *   callback is still followed, as a real window's timer would hold it.
 * - Playwright's trace snapshots cache each element's last value on the element itself.
 * A real window has neither.
 */
const TRACE_CACHE = '<symbol __playwright_snapshot_cache_>'

/**
 * Takes a heap snapshot of the page (after a full garbage collection) and, for each string
 * holding `text` that the page itself keeps alive, the chain of references from a GC root
 * (shortest first), so a failure says what retained it rather than only that something did.
 * Strings held only through the test's tools (HARNESS_EDGES) do not count. Empty: not held.
 * Shapes follow V8's heap snapshot format (snapshot.meta: node_fields, edge_fields).
 */
export async function heapRetainers(page: Page, text: string): Promise<HeapHold> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  const chunks: string[] = []
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk))
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  await cdp.detach()
  const raw = chunks.join('')
  if (!raw.includes(text)) return { paths: [], onlyByTools: 0 }
  return retainerPaths(JSON.parse(raw) as HeapSnapshot, text)
}

/** What keeps the text alive: the page's paths to it, and how many copies only tools hold. */
export interface HeapHold {
  /** From a GC root to a string holding the text, one per string (at most five). */
  paths: string[][]
  /** Strings holding the text that only the test's tools keep alive (not counted). */
  onlyByTools: number
}

interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[]
      node_types: [string[], ...unknown[]]
      edge_fields: string[]
      edge_types: [string[], ...unknown[]]
    }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

function retainerPaths(snap: HeapSnapshot, text: string): HeapHold {
  const { meta } = snap.snapshot
  const node = (i: number) => snap.nodes[i] ?? 0
  const edge = (i: number) => snap.edges[i] ?? 0
  const str = (i: number) => snap.strings[i] ?? ''
  const nf = meta.node_fields.length
  const ef = meta.edge_fields.length
  const nType = meta.node_fields.indexOf('type')
  const nName = meta.node_fields.indexOf('name')
  const nEdges = meta.node_fields.indexOf('edge_count')
  const eType = meta.edge_fields.indexOf('type')
  const eName = meta.edge_fields.indexOf('name_or_index')
  const eTo = meta.edge_fields.indexOf('to_node')
  const nodeType = (n: number) => meta.node_types[0][node(n * nf + nType)] ?? ''
  const edgeType = (e: number) => meta.edge_types[0][edge(e + eType)] ?? ''
  const count = snap.nodes.length / nf
  const name = (n: number) => str(node(n * nf + nName))
  // Each node's outgoing edges start where the previous node's end.
  const firstEdge = new Array<number>(count + 1)
  firstEdge[0] = 0
  for (let n = 0; n < count; n++) firstEdge[n + 1] = firstEdge[n]! + node(n * nf + nEdges) * ef
  const edgesOf = function* (n: number) {
    for (let at = firstEdge[n]!; at < firstEdge[n + 1]!; at += ef) yield at
  }
  const target = (at: number) => edge(at + eTo) / nf
  const edgeName = (at: number) => (edgeType(at) === 'property' ? str(edge(at + eName)) : '')
  // The fake clock's timer entries (its _timers Map, its table, the entries): their .error.
  const harness = new Set<number>()
  for (let n = 0; n < count; n++) {
    if (name(n) !== 'ClockController') continue
    for (const timers of edgesOf(n)) {
      if (edgeName(timers) !== '_timers') continue
      let level = [target(timers)]
      for (let depth = 0; depth < 3; depth++) {
        const next: number[] = []
        for (const at of level) {
          for (const out of edgesOf(at)) {
            if (edgeName(out) === 'error') harness.add(out)
            else next.push(target(out))
          }
        }
        level = next
      }
    }
  }
  // Reverse edges: for each node (by ordinal), who points at it (pairs: node, edge offset).
  const from: number[][] = Array.from({ length: count }, () => [])
  for (let n = 0; n < count; n++) {
    for (const at of edgesOf(n)) {
      if (edgeType(at) === 'weak' || harness.has(at) || edgeName(at) === TRACE_CACHE) continue
      from[target(at)]?.push(n, at)
    }
  }
  const label = (n: number) => `${nodeType(n)}:${name(n).slice(0, 60)}`
  const edgeLabel = (at: number) => {
    const type = edgeType(at)
    const name = edge(at + eName)
    return type === 'element' || type === 'hidden' ? `[${name}]` : `.${str(name)}`
  }
  const paths: string[][] = []
  let strings = 0
  let onlyByTools = 0
  for (let n = 0; n < count && paths.length < 5; n++) {
    if (!['string', 'concatenated string', 'sliced string'].includes(nodeType(n))) continue
    if (!name(n).includes(text)) continue
    strings++
    // Breadth-first towards the synthetic root (node 0), bounded.
    const seen = new Map<number, [number, number]>([[n, [-1, -1]]])
    const queue = [n]
    let found = false
    for (let q = 0; q < queue.length && !found && q < 2_000_000; q++) {
      const at = queue[q] ?? 0
      const refs = from[at] ?? []
      for (let i = 0; i < refs.length; i += 2) {
        const by = refs[i] ?? 0
        if (seen.has(by)) continue
        seen.set(by, [at, refs[i + 1] ?? 0])
        if (by === 0) {
          found = true
          break
        }
        queue.push(by)
      }
    }
    if (!found) {
      // Reachable only through the test's tools (or not at all): not the page's.
      onlyByTools++
      continue
    }
    const path: string[] = []
    for (let at = 0; at !== n;) {
      const [next, by] = seen.get(at) ?? [n, 0]
      path.push(`${label(at)} ${edgeLabel(by)}`)
      at = next
    }
    path.push(label(n))
    paths.push(path)
  }
  // In the snapshot but in no string node (a native's label): count it as held.
  if (strings === 0) paths.push(['(in the snapshot, not as a string)'])
  return { paths, onlyByTools }
}
