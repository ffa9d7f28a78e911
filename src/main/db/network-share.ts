import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * SQLite's WAL mode keeps its lock state in shared memory (the -shm file, mmapped), which
 * network file systems do not share between machines, and their byte-range locks are
 * unreliable; a clinic database there can be corrupted by two computers at once.
 * https://www.sqlite.org/wal.html ("WAL does not work over a network filesystem").
 */
export class NetworkShareError extends Error {
  constructor(
    readonly path: string,
    readonly fsType: string,
  ) {
    super(
      `The clinic database cannot live on a network drive (${path} is on a ${fsType} share). ` +
        'SQLite needs a folder on this computer’s own disk to keep the records safe. ' +
        'Move the database to a local folder; backups can still go to a network drive.',
    )
    this.name = 'NetworkShareError'
  }
}

const NETWORK_TYPES = [
  /^nfs\d?$/,
  /^cifs$/,
  /^smb/,
  /^sshfs$/,
  /^fuse\.sshfs$/,
  /^afs$/,
  /^ncpfs$/,
  /^davfs$/,
  /^fuse\.(rclone|davfs2?|s3fs|gcsfuse)$/,
  /^glusterfs$/,
  /^ceph$/,
]

export function isNetworkFsType(type: string): boolean {
  return NETWORK_TYPES.some((re) => re.test(type.toLowerCase()))
}

interface Mount {
  point: string
  type: string
}

/** /proc/mounts escapes spaces, tabs, newlines and backslashes as octal (\040). */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)))
}

export function parseProcMounts(text: string): Mount[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 3)
    .map((fields) => ({ point: unescapeMountPath(fields[1]!), type: fields[2]! }))
}

/** macOS `mount`: "//ann@nas/clinic on /Volumes/clinic (smbfs, nodev, nosuid, mounted by ann)". */
export function parseMacMount(text: string): Mount[] {
  const mounts: Mount[] = []
  for (const line of text.split('\n')) {
    const match = / on (.+) \(([^,)]+)/.exec(line)
    if (match) mounts.push({ point: match[1]!, type: match[2]!.trim() })
  }
  return mounts
}

function isUnder(path: string, point: string): boolean {
  if (point === '/') return path.startsWith('/')
  return path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`)
}

/** The mount that holds path: the longest mount point that is a prefix of it. */
export function mountOf(path: string, mounts: Mount[]): Mount | null {
  let best: Mount | null = null
  for (const m of mounts) {
    if (isUnder(path, m.point) && (!best || m.point.length >= best.point.length)) best = m
  }
  return best
}

/** `\\server\share\...`, `//server/share` and `\\?\UNC\server\...` name a network share. */
export function isUncPath(path: string): boolean {
  if (/^\\\\\?\\UNC\\/i.test(path)) return true
  if (/^\\\\[?.]\\/.test(path)) return false // \\?\C:\ and \\.\ are local device paths
  return /^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/.test(path)
}

export interface ShareProbe {
  platform?: NodeJS.Platform
  /** The mount table text; read from the system when omitted. */
  mounts?: string
}

/** The network file system type that holds path, or null when it is on a local disk. */
export function networkShareOf(path: string, probe: ShareProbe = {}): string | null {
  const platform = probe.platform ?? process.platform
  if (platform === 'win32') return isUncPath(path) ? 'Windows (SMB)' : null
  const real = existingRealPath(path)
  let mounts: Mount[]
  if (platform === 'linux') {
    const text = probe.mounts ?? readIfPresent('/proc/mounts')
    if (text === null) return null
    mounts = parseProcMounts(text)
  } else if (platform === 'darwin') {
    const text = probe.mounts ?? macMountOutput()
    if (text === null) return null
    mounts = parseMacMount(text)
  } else {
    return null
  }
  const mount = mountOf(real, mounts)
  return mount && isNetworkFsType(mount.type) ? mount.type : null
}

/** Throws NetworkShareError when the database file would sit on a network share. */
export function assertLocalDatabasePath(file: string, probe: ShareProbe = {}): void {
  if (file === ':memory:') return
  const type = networkShareOf(file, probe)
  if (type) throw new NetworkShareError(file, type)
}

/** The path with symlinks resolved as far as it exists (the file itself may not yet). */
function existingRealPath(path: string): string {
  let current = resolve(path)
  const tail: string[] = []
  while (!existsSync(current)) {
    const parent = dirname(current)
    if (parent === current) return resolve(path)
    tail.unshift(current.slice(parent.length).replace(/^[\\/]/, ''))
    current = parent
  }
  let real = current
  try {
    real = realpathSync(current)
  } catch {
    // keep the path as given
  }
  return tail.length > 0 ? join(real, ...tail) : real
}

function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

function macMountOutput(): string | null {
  try {
    return execFileSync('/sbin/mount', { encoding: 'utf8', timeout: 2000 })
  } catch {
    return null
  }
}
