import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import {
  assertLocalDatabasePath,
  isUncPath,
  NetworkShareError,
  networkShareOf,
} from '../../src/main/db/network-share'
import { silentLogger } from '../../src/main/log'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// A real clinic laptop's /proc/mounts, trimmed: a local disk, the NAS over SMB and NFS, an
// sshfs mount, and a path with a space (escaped as \040 by the kernel).
const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime 0 0
//nas.local/clinic /mnt/clinic cifs rw,relatime,vers=3.1.1,cache=strict 0 0
nas.local:/export/plinth /srv/plinth nfs4 rw,relatime,vers=4.2 0 0
ann@nas.local:/home/ann /home/ann/Remote\\040Files fuse.sshfs rw,nosuid,nodev,relatime 0 0
/dev/sdb1 /mnt/clinic/usb ext4 rw,relatime 0 0
`

const MAC_MOUNT = `/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
//ann@nas._smb._tcp.local/clinic on /Volumes/clinic (smbfs, nodev, nosuid, mounted by ann)
nas:/export on /Volumes/export (nfs, nodev, nosuid)
`

describe('network share refusal', () => {
  const linux = (path: string) => networkShareOf(path, { platform: 'linux', mounts: PROC_MOUNTS })

  it('finds the file system a Linux path is on from /proc/mounts', () => {
    expect(linux('/home/ann/.config/plinth/plinth.sqlite')).toBeNull()
    expect(linux('/mnt/clinic/plinth.sqlite')).toBe('cifs')
    expect(linux('/srv/plinth/data/plinth.sqlite')).toBe('nfs4')
    expect(linux('/home/ann/Remote Files/plinth.sqlite')).toBe('fuse.sshfs')
    // The longest mount point wins: a USB disk mounted inside the share is local.
    expect(linux('/mnt/clinic/usb/plinth.sqlite')).toBeNull()
    // A prefix of a name is not a parent folder.
    expect(linux('/mnt/clinical/plinth.sqlite')).toBeNull()
  })

  it('recognises Windows UNC paths and macOS network mounts', () => {
    expect(isUncPath('\\\\NAS\\clinic\\plinth.sqlite')).toBe(true)
    expect(isUncPath('//nas/clinic/plinth.sqlite')).toBe(true)
    expect(isUncPath('\\\\?\\UNC\\nas\\clinic\\plinth.sqlite')).toBe(true)
    expect(isUncPath('\\\\?\\C:\\Users\\ann\\plinth.sqlite')).toBe(false)
    expect(isUncPath('C:\\Users\\ann\\AppData\\Roaming\\plinth\\plinth.sqlite')).toBe(false)
    expect(networkShareOf('\\\\NAS\\clinic\\plinth.sqlite', { platform: 'win32' })).toBe(
      'Windows (SMB)',
    )
    const mac = (path: string) => networkShareOf(path, { platform: 'darwin', mounts: MAC_MOUNT })
    expect(mac('/Volumes/clinic/plinth.sqlite')).toBe('smbfs')
    expect(mac('/Volumes/export/plinth.sqlite')).toBe('nfs')
    expect(mac('/Users/ann/Library/Application Support/plinth/plinth.sqlite')).toBeNull()
  })

  it('refuses to open a database on a share with a message the owner can act on', () => {
    expect(() =>
      assertLocalDatabasePath('/mnt/clinic/plinth.sqlite', {
        platform: 'linux',
        mounts: PROC_MOUNTS,
      }),
    ).toThrow(NetworkShareError)
    expect(() =>
      assertLocalDatabasePath('/mnt/clinic/plinth.sqlite', {
        platform: 'linux',
        mounts: PROC_MOUNTS,
      }),
    ).toThrow(/cannot live on a network drive.*cifs share.*local folder/)
  })

  it('opens a database on this machine’s own disk', async () => {
    const tmp = tempDir()
    try {
      expect(networkShareOf(join(tmp.dir, 'clinic.sqlite'))).toBeNull()
      const core = await openCore({
        file: join(tmp.dir, 'clinic.sqlite'),
        key: testKey,
        log: silentLogger,
      })
      await core.close()
    } finally {
      tmp.remove()
    }
  })
})
