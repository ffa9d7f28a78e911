import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { PlinthCore } from '../../src/main/app-core'
import { aSession, call } from '../fixtures/temp-core'
import { expect } from './fixtures'

const owner = aSession('owner')
export const fixture = (name: string) => resolve('tests/fixtures/files', name)

export async function aClient(core: PlinthCore): Promise<number> {
  const client = await call(
    core,
    'clients.create',
    { firstName: 'Priya', lastName: 'Shah', mobile: '07911 123456' },
    owner,
  )
  if (!client.ok) throw new Error(client.error.message)
  return client.value.id
}

/** A therapist starts a follow-up note from the client page and types a first line. */
export async function startFollowUp(page: Page, clientId: number, url: string) {
  await page.goto(`${url}#/clients/${clientId}/notes/new`)
  await page.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: /Follow-up \(SOAP\): Priya Shah/ }),
  ).toBeVisible()
  await page.getByLabel('Subjective').fill('Right knee sore after hill reps.')
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
}
