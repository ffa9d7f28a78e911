import type { Generated } from 'kysely'

// Typed tables of migration 0850-packages.

export interface PackageTypesTable {
  id: Generated<number>
  name: string
  sessions: number
  price_pence: number
  valid_months: number
  active: Generated<number>
  created_at: string
  updated_at: string
}

export interface PackageTypeServicesTable {
  package_type_id: number
  service_id: number
  /** 0 is the service whose VAT rate the sale carries. */
  position: number
}

export interface ClientPackagesTable {
  id: Generated<number>
  client_id: number
  package_type_id: number
  name: string
  sessions: number
  price_pence: number
  invoice_id: number
  sold_at: string
  /** Clinic-local date, the last day a session can be used. */
  expires_on: string
  sold_by: number | null
  sold_by_name: string | null
}

export interface ClientPackageServicesTable {
  id: Generated<number>
  package_id: number
  service_id: number
}

export type PackageSessionKind = 'use' | 'reversal' | 'refund'

export interface PackageSessionsTable {
  id: Generated<number>
  package_id: number
  client_id: number
  kind: PackageSessionKind
  /** -1 for a use, +1 for a reversal, minus the unused sessions for a refund. */
  sessions: number
  appointment_id: number | null
  reverses_id: number | null
  credit_note_id: number | null
  reason: Generated<string>
  at: string
  by_user_id: number | null
  by_name: string | null
}

export interface PackageTables {
  package_types: PackageTypesTable
  package_type_services: PackageTypeServicesTable
  client_packages: ClientPackagesTable
  client_package_services: ClientPackageServicesTable
  package_sessions: PackageSessionsTable
}
