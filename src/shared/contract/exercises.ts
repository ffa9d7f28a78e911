import { z } from 'zod'
import { method } from './define'

// The owner's exercise library (issue 18): stretches and home exercises therapists pick for
// a client's aftercare sheet (documents.aftercareSheet). Read by the clinical roles.
const CLINICAL = ['owner', 'therapist'] as const
const id = z.number().int().positive()

export const exercise = z.object({
  id,
  name: z.string(),
  instructions: z.string(),
  hasPicture: z.boolean(),
  active: z.boolean(),
})
export type Exercise = z.output<typeof exercise>

export const exerciseInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, 'Name the exercise').max(80, 'Keep the name under 80 characters'),
  instructions: z
    .string()
    .trim()
    .max(1500, 'Keep the instructions under 1,500 characters')
    .default(''),
  active: z.boolean().default(true),
  /** A PNG or JPEG; null removes the picture, left out keeps it. */
  picture: z
    .object({
      filename: z.string().trim().min(1).max(200),
      base64: z.string().max(15_000_000, 'Pictures over 10 MB cannot be used'),
    })
    .nullable()
    .optional(),
})

export const exercisesContract = {
  'exercises.list': method({
    summary: 'List the exercise library',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(exercise),
    roles: CLINICAL,
  }),
  'exercises.save': method({
    summary: 'Add or change an exercise in the library',
    input: exerciseInput,
    output: exercise,
    roles: ['owner'],
  }),
}
