import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { PlinthCore } from '../../src/main/app-core'
import { aClient as aClientRecord } from '../fixtures/clients'
import { aSession } from '../fixtures/temp-core'
import { expect } from './fixtures'

const owner = aSession('owner')
export const fixture = (name: string) => resolve('tests/fixtures/files', name)

/** Priya Shah, the client these journeys write notes for: her id. */
export const aClient = async (core: PlinthCore): Promise<number> =>
  (await aClientRecord().named('Priya', 'Shah').in(core, owner)).id

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
