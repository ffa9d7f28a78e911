import { aBookableClient, aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { clinicNow } from './clinic-clock'

const EVERY_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

function localDay(offsetDays: number): string {
  const d = new Date(clinicNow() + offsetDays * 86_400_000)
  return d.toISOString().slice(0, 10)
}

test("reception sees a caller's next appointment in the lookup and their appointments on the record", async ({
  page,
  clinic,
}) => {
  const { core } = clinic
  const massage = await aService('Sports massage 60 min').lasting(60).in(core)
  const sam = await aTherapist('Sam Lee')
    .working([...EVERY_DAY], '08:00-20:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
  const client = await aBookableClient(core, aSession('reception'), ['Priya', 'Shah'])
  const next = `${localDay(7)} 10:00`
  const booked = await call(
    core,
    'diary.book',
    { clientId: client.id, serviceId: massage.id, therapistId: sam.id, startsAt: at(next) },
    aSession('reception'),
  )
  expect(booked.ok).toBe(true)

  await clinic.open(page, { as: 'reception', at: '#/clients' })
  await page.keyboard.press('Control+k')
  const lookup = page.getByRole('combobox', { name: 'Find a client' }).last()
  await expect(lookup).toBeFocused()
  await lookup.pressSequentially('Priya Shah')
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(new Date(at(next)))
  await expect(page.getByText(`Next: ${day} at 10:00`)).toBeVisible()
  await page.keyboard.press('Enter')

  const card = page.getByRole('region', { name: 'Appointments' })
  await expect(card.getByText(`Sports massage 60 min · Sam Lee`)).toBeVisible()
  await expect(card.getByText('Booked')).toBeVisible()
  await expect(card.getByText('No past appointments.')).toBeVisible()
  await snap(page, 'clients-appointments')
  await expectAccessible(page)
})
