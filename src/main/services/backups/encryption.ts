import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCallback,
  type ScryptOptions,
} from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { z } from 'zod'
import { DomainError } from '../domain-error'

/**
 * An encrypted backup: MAGIC, a length-prefixed JSON header (scrypt salt and cost, GCM iv),
 * the AES-256-GCM ciphertext of the SQLite file, then the 16-byte tag. The header is the
 * additional authenticated data, so nobody can swap the salt or cost without the tag failing.
 */
const MAGIC = Buffer.from('PLINTHB1')
const TAG_BYTES = 16

export interface KdfParams {
  salt: string // base64
  N: number
  r: number
  p: number
}

/**
 * What a header may say. The cost is read before the tag can be checked, so a crafted file
 * could otherwise ask for any scrypt work (N = 2^20 held the command queue for 2.3 s; more
 * exhausts memory). Plinth writes N = 2^17, r = 8, p = 1: allow a little above, nothing more.
 */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
/** Bounds for scrypt parameters read from a file (a backup's header or manifest). */
export const kdfSchema = z.object({
  salt: z.string().min(16).max(64).regex(BASE64),
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 18)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
})
/**
 * The scrypt parameters are there when the key came from a passphrase (a backup made before
 * encryption at rest); an attachment encrypted with a key derived from the clinic key has none.
 */
const headerSchema = z.union([
  z.object({
    v: z.literal(1),
    cipher: z.literal('aes-256-gcm'),
    iv: z.string().min(16).max(24).regex(BASE64),
    ...kdfSchema.shape,
  }),
  z
    .object({
      v: z.literal(1),
      cipher: z.literal('aes-256-gcm'),
      iv: z.string().min(16).max(24).regex(BASE64),
    })
    .strict(),
])
type Header = z.output<typeof headerSchema>

/** The file says it is an encrypted backup, but its header is not one Plinth would write. */
export const damagedHeader = () =>
  new DomainError(
    'rule_broken',
    'This backup’s header is damaged or was not made by Plinth, so it cannot be restored. Choose another backup.',
  )

/** OWASP's 2023 scrypt floor (N=2^17, r=8, p=1): ~0.3 s and 128 MiB once per passphrase. */
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const

export function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 32 * 1024 * 1024,
  }
  return new Promise((done, fail) =>
    scryptCallback(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      32,
      options,
      (error, key) => (error ? fail(error) : done(key)),
    ),
  )
}

export function newKdfParams(): KdfParams {
  return { salt: randomBytes(16).toString('base64'), ...DEFAULT_KDF }
}

export async function isEncryptedBackup(file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const buf = Buffer.alloc(MAGIC.length)
    await handle.read(buf, 0, MAGIC.length, 0)
    return buf.equals(MAGIC)
  } finally {
    await handle.close()
  }
}

export async function encryptFile(
  source: string,
  target: string,
  key: Buffer,
  kdf: KdfParams | null,
): Promise<void> {
  const iv = randomBytes(12)
  const header: Header = { v: 1, cipher: 'aes-256-gcm', ...kdf, iv: iv.toString('base64') }
  const headerBytes = Buffer.from(JSON.stringify(header))
  const length = Buffer.alloc(4)
  length.writeUInt32BE(headerBytes.length)
  const prefix = Buffer.concat([MAGIC, length, headerBytes])
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(prefix)
  const out = createWriteStream(target, { flags: 'wx' })
  out.write(prefix)
  await pipeline(createReadStream(source), cipher, out, { end: false })
  await new Promise<void>((done, fail) => {
    out.end(cipher.getAuthTag(), () => done())
    out.once('error', fail)
  })
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('That passphrase does not open this backup (or the file has been damaged).')
    this.name = 'WrongPassphraseError'
  }
}

export async function readEncryptionHeader(
  file: string,
): Promise<{ header: Header; prefix: Buffer }> {
  const handle = await open(file, 'r')
  try {
    const start = Buffer.alloc(MAGIC.length + 4)
    await handle.read(start, 0, start.length, 0)
    if (!start.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('Not an encrypted backup')
    const length = start.readUInt32BE(MAGIC.length)
    if (length > 4096) throw damagedHeader()
    const headerBytes = Buffer.alloc(length)
    await handle.read(headerBytes, 0, length, start.length)
    let parsed: unknown
    try {
      parsed = JSON.parse(headerBytes.toString('utf8'))
    } catch {
      throw damagedHeader()
    }
    const header = headerSchema.safeParse(parsed)
    if (!header.success) throw damagedHeader()
    return { header: header.data, prefix: Buffer.concat([start, headerBytes]) }
  } finally {
    await handle.close()
  }
}

/** Writes the plaintext to target; throws WrongPassphraseError (and removes nothing) on a bad key. */
export async function decryptFile(source: string, target: string, key: Buffer): Promise<void> {
  const { header, prefix } = await readEncryptionHeader(source)
  const size = (await stat(source)).size
  const tag = Buffer.alloc(TAG_BYTES)
  const handle = await open(source, 'r')
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES)
  } finally {
    await handle.close()
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'))
  decipher.setAAD(prefix)
  decipher.setAuthTag(tag)
  const end = size - TAG_BYTES - 1
  try {
    await pipeline(
      end >= prefix.length
        ? createReadStream(source, { start: prefix.length, end })
        : (async function* () {})(),
      decipher,
      createWriteStream(target, { flags: 'w' }),
    )
  } catch (error) {
    if (error instanceof Error && /auth|unable to authenticate/i.test(error.message)) {
      throw new WrongPassphraseError()
    }
    throw error
  }
}
