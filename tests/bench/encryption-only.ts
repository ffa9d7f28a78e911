// `npx tsx tests/bench/encryption-only.ts`: the cost of encryption at rest alone (the full
// `npm run bench` runs it too), as encrypted / plain on two identical clinics.
import { benchEncryption } from './encryption.bench'
import { printTable } from './measure'

printTable('encryption at rest: encrypted / plain', await benchEncryption())
